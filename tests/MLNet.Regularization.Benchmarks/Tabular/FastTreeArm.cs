using Microsoft.ML;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>ML.NET's FastTree at its defaults. ML.NET has no multiclass FastTree: for multiclass tasks it is one-versus-all over
/// binary FastTree, as Model Builder's "FastTreeOva" does.</summary>
internal sealed class FastTreeArm() : TabularArm("fasttree")
{
    public override string Description => "ML.NET FastTree, defaults (multiclass: OneVersusAll of binary FastTree)";

    public override IEstimator<ITransformer> CreateTrainer(MLContext ml, TabularTask task, int seed, int? threads) => task switch
    {
        TabularTask.Binary => ml.BinaryClassification.Trainers.FastTree(),
        TabularTask.Multiclass => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree()),
        _ => ml.Regression.Trainers.FastTree(),
    };
}
