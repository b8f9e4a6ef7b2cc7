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

/// <summary>
/// Trains a regularized convolutional network (TorchSharp) for binary image classification. Create it with
/// <c>mlContext.BinaryClassification.Trainers.RegularizedCnn</c>.
/// </summary>
/// <remarks>
/// <para>Input: a Boolean label column and a pixel column (see <see cref="RegularizedCnnMulticlassTrainer"/>). Output columns:
/// Score (the logit), Probability and PredictedLabel, as ML.NET's binary evaluator expects.</para>
/// <para>Loss: binary cross-entropy with label smoothing, on hard or mixed targets. Training is seeded as the other trainers are.</para>
/// </remarks>
public sealed class RegularizedCnnBinaryTrainer : RegularizedTrainerBase<RegularizedCnnBinaryTrainer.Options>
{
    /// <summary>Options of <see cref="RegularizedCnnBinaryTrainer"/>.</summary>
    public sealed class Options : RegularizedCnnOptions;

    internal RegularizedCnnBinaryTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override Objective CreateObjective(DataViewType labelType) => new BinaryObjective(TrainerOptions.LabelSmoothing);

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => OutputSchema.Binary();

    private protected override Func<int, IEnumerable<TrainingCallback>> PrepareCallbacks(NetworkArchitecture architecture, Objective objective) =>
        CnnCallbacks.Prepare(TrainerOptions, (CnnArchitecture)architecture, objective);
}

/// <summary>The CNN trainers' callbacks: batch augmentation, then mixup and CutMix; checked before any data is read.</summary>
internal static class CnnCallbacks
{
    public static Func<int, IEnumerable<TrainingCallback>> Prepare(RegularizedCnnOptions options, CnnArchitecture architecture, Objective objective)
    {
        ImageBatchAugmentation? augmentation = null;
        if (options.Augmentation.Count > 0)
        {
            try
            {
                augmentation = new ImageBatchAugmentation(options.Augmentation, new ImageShape(architecture.Channels, architecture.Height, architecture.Width));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Option Augmentation: {e.Message}", nameof(options), e);
            }
        }
        bool mixing = options.MixupProbability > 0 || options.CutMixProbability > 0;
        if (mixing && !objective.HasSoftTargets)
            throw new ArgumentException($"Options MixupProbability and CutMixProbability need a classification task; {objective.Task} has no class targets to mix.");
        return seed =>
        {
            var callbacks = new List<TrainingCallback>();
            if (augmentation is not null) callbacks.Add(new BatchAugmentation(augmentation, seed));
            if (mixing)
                callbacks.Add(new BatchMixing(options.MixupProbability, options.MixupAlpha, options.CutMixProbability, options.CutMixAlpha, objective,
                    architecture.Height, architecture.Width, seed));
            return callbacks;
        };
    }
}
