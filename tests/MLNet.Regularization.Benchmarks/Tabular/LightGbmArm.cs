using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>ML.NET's LightGbm at its defaults (<c>--threads</c> sets its NumberOfThreads): the reference the differences are taken to.</summary>
internal sealed class LightGbmArm() : TabularArm(ArmName)
{
    /// <summary>The name of this arm.</summary>
    public const string ArmName = "lightgbm";

    public override string Description => "ML.NET LightGbm, defaults";

    public override IEstimator<ITransformer> CreateTrainer(MLContext ml, TabularTask task, int seed, int? threads) => task switch
    {
        TabularTask.Binary => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfThreads = threads }),
        TabularTask.Multiclass => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { NumberOfThreads = threads }),
        _ => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options { NumberOfThreads = threads }),
    };
}
