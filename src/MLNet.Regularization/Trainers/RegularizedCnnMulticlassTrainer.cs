using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;

namespace MLNet.Regularization;

/// <summary>
/// Trains a regularized convolutional network (TorchSharp) for multiclass image classification. Create it with
/// <c>mlContext.MulticlassClassification.Trainers.RegularizedCnn</c>.
/// </summary>
/// <remarks>
/// <para>Input: a key-typed label column and a pixel column: a vector of Single with dimensions (channels, height, width), as
/// <c>ExtractPixels</c> makes it, or of any shape with <see cref="RegularizedCnnOptions.ImageChannels"/>,
/// <see cref="RegularizedCnnOptions.ImageHeight"/> and <see cref="RegularizedCnnOptions.ImageWidth"/>. Output columns: Score
/// (class probabilities) and PredictedLabel (a key with the label's key values).</para>
/// <para>Loss: softmax cross-entropy with label smoothing, on hard or (with mixup and CutMix) mixed targets. The pixels are
/// standardized per channel inside the network. Training is seeded: the same options and data give bit-identical models on
/// CPU with the same thread count.</para>
/// </remarks>
public sealed class RegularizedCnnMulticlassTrainer : RegularizedTrainerBase<RegularizedCnnMulticlassTrainer.Options>
{
    /// <summary>Options of <see cref="RegularizedCnnMulticlassTrainer"/>.</summary>
    public sealed class Options : RegularizedCnnOptions;

    internal RegularizedCnnMulticlassTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override Objective CreateObjective(DataViewType labelType) =>
        new MulticlassObjective(labelType is KeyDataViewType key ? checked((int)key.Count) : 0, TrainerOptions.LabelSmoothing);

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => OutputSchema.Multiclass(label);

    private protected override Func<int, IEnumerable<TrainingCallback>> PrepareCallbacks(NetworkArchitecture architecture, Objective objective) =>
        CnnCallbacks.Prepare(TrainerOptions, (CnnArchitecture)architecture, objective);
}
