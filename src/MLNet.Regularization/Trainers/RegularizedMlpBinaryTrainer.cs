using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;

namespace MLNet.Regularization;

/// <summary>
/// Trains a regularized multilayer perceptron (TorchSharp) for binary classification. Create it with
/// <c>mlContext.BinaryClassification.Trainers.RegularizedMlp</c>.
/// </summary>
/// <remarks>
/// <para>Input: a Boolean label column and a known-size vector of Single features. Output columns: Score (the logit),
/// Probability and PredictedLabel (Boolean), as ML.NET's binary evaluator expects.</para>
/// <para>Loss: binary cross-entropy on the logit, with optional label smoothing. Features are standardized inside the
/// trainer by default. Training is seeded: the same options and data give bit-identical models on CPU with the same thread count.</para>
/// </remarks>
public sealed class RegularizedMlpBinaryTrainer : RegularizedTrainerBase<RegularizedMlpBinaryTrainer.Options>
{
    /// <summary>Options of <see cref="RegularizedMlpBinaryTrainer"/>.</summary>
    public sealed class Options : RegularizedMlpClassificationOptions
    {
        /// <summary>Options at the defaults for tables (<see cref="MlpPreset.Tabular"/>).</summary>
        public Options() : base(MlpPreset.Tabular) { }

        /// <summary>Options at the defaults of <paramref name="preset"/>.</summary>
        /// <param name="preset">The defaults to start from: for tables or for pixel vectors.</param>
        public Options(MlpPreset preset) : base(preset) { }
    }

    internal RegularizedMlpBinaryTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override Objective CreateObjective(DataViewType labelType) => new BinaryObjective(TrainerOptions.LabelSmoothing);

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => OutputSchema.Binary();
}
