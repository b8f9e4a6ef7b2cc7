using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;

namespace MLNet.Regularization;

/// <summary>
/// Trains a regularized multilayer perceptron (TorchSharp) for regression. Create it with
/// <c>mlContext.Regression.Trainers.RegularizedMlp</c>.
/// </summary>
/// <remarks>
/// <para>Input: a Single label column and a known-size vector of Single features. Output column: Score (Single).</para>
/// <para>Loss: mean squared error. Features and the label are standardized inside the trainer by default and the
/// prediction is mapped back to label units. Training is seeded: the same options and data give bit-identical models on
/// CPU with the same thread count.</para>
/// </remarks>
public sealed class RegularizedMlpRegressionTrainer : RegularizedTrainerBase<RegularizedMlpRegressionTrainer.Options>
{
    /// <summary>Options of <see cref="RegularizedMlpRegressionTrainer"/>.</summary>
    public sealed class Options : RegularizedMlpOptions
    {
        /// <summary>Options at the defaults for tables (<see cref="MlpPreset.Tabular"/>).</summary>
        public Options() : base(MlpPreset.Tabular) { }

        /// <summary>Options at the defaults of <paramref name="preset"/>.</summary>
        /// <param name="preset">The defaults to start from: for tables or for pixel vectors.</param>
        public Options(MlpPreset preset) : base(preset) { }
    }

    internal RegularizedMlpRegressionTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override Objective CreateObjective(DataViewType labelType) => new RegressionObjective();

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => OutputSchema.Regression();
}
