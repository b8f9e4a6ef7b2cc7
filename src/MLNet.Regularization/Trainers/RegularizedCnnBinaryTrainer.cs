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
