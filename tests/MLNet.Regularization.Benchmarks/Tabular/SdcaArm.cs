using Microsoft.ML;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>ML.NET's SDCA linear trainers at their defaults: SdcaLogisticRegression (binary), SdcaMaximumEntropy (multiclass),
/// Sdca (regression).</summary>
internal sealed class SdcaArm() : TabularArm("sdca")
{
    public override string Description => "ML.NET SdcaLogisticRegression / SdcaMaximumEntropy / Sdca, defaults";

    public override IEstimator<ITransformer> CreateTrainer(MLContext ml, TabularTask task, int seed, int? threads) => task switch
    {
        TabularTask.Binary => ml.BinaryClassification.Trainers.SdcaLogisticRegression(),
        TabularTask.Multiclass => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(),
        _ => ml.Regression.Trainers.Sdca(),
    };
}
