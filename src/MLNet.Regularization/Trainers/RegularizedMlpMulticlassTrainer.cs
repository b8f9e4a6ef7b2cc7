using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;

namespace MLNet.Regularization;

/// <summary>
/// Trains a regularized multilayer perceptron (TorchSharp) for multiclass classification. Create it with
/// <c>mlContext.MulticlassClassification.Trainers.RegularizedMlp</c>.
/// </summary>
/// <remarks>
/// <para>Input: a key-typed label column (from <c>MapValueToKey</c>) and a known-size vector of Single features. Output
/// columns: Score (a vector of class probabilities) and PredictedLabel (a key with the label's key values, so
/// <c>MapKeyToValue("PredictedLabel")</c> gives back the class names).</para>
/// <para>Loss: softmax cross-entropy, with optional label smoothing. Features are standardized inside the trainer by
/// default. Training is seeded: the same options and data give bit-identical models on CPU with the same thread count.</para>
/// </remarks>
public sealed class RegularizedMlpMulticlassTrainer : RegularizedTrainerBase<RegularizedMlpMulticlassTrainer.Options>
{
    /// <summary>Options of <see cref="RegularizedMlpMulticlassTrainer"/>.</summary>
    public sealed class Options : RegularizedMlpClassificationOptions
    {
        /// <summary>Options at the defaults for tables (<see cref="MlpPreset.Tabular"/>).</summary>
        public Options() : base(MlpPreset.Tabular) { }

        /// <summary>Options at the defaults of <paramref name="preset"/>.</summary>
        /// <param name="preset">The defaults to start from: for tables or for pixel vectors.</param>
        public Options(MlpPreset preset) : base(preset) { }
    }

    internal RegularizedMlpMulticlassTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override Objective CreateObjective(DataViewType labelType) =>
        new MulticlassObjective(labelType is KeyDataViewType key ? checked((int)key.Count) : 0, TrainerOptions.LabelSmoothing);

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => OutputSchema.Multiclass(label);
}
