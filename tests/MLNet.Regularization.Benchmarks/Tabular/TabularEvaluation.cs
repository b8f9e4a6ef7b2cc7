using System.Globalization;
using Microsoft.ML;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>Evaluates the scored test split with ML.NET's evaluator of the task.</summary>
internal static class TabularEvaluation
{
    /// <summary>The figures of <paramref name="scored"/>, the transformed test split.</summary>
    public static TabularScore Evaluate(MLContext ml, TabularTask task, IDataView scored, double fitSeconds)
    {
        switch (task)
        {
            case TabularTask.Binary:
                var binary = ml.BinaryClassification.Evaluate(scored, TabularPipeline.Label);
                return new TabularScore(binary.Accuracy, binary.AreaUnderRocCurve, null, fitSeconds);
            case TabularTask.Multiclass:
                var multiclass = ml.MulticlassClassification.Evaluate(scored, TabularPipeline.Label);
                return new TabularScore(multiclass.MicroAccuracy, null, null, fitSeconds);
            default:
                var regression = ml.Regression.Evaluate(scored, TabularPipeline.Label);
                return new TabularScore(regression.RootMeanSquaredError, null, regression.RSquared, fitSeconds);
        }
    }

    /// <summary>The name of the main metric: accuracy, or RMSE for regression.</summary>
    public static string MainMetric(TabularTask task) => task == TabularTask.Regression ? "RMSE" : "accuracy";

    /// <summary>A value of the main metric: accuracy with 4 decimals; RMSE with about 4 significant digits.</summary>
    public static string FormatMain(TabularTask task, double value) => value.ToString(MainFormat(task, value), CultureInfo.InvariantCulture);

    /// <summary>The format of the main metric near <paramref name="value"/> (the mean, so that its standard deviation gets the same decimals).</summary>
    public static string MainFormat(TabularTask task, double value) =>
        task != TabularTask.Regression ? "F4" : Math.Abs(value) >= 1000 ? "F0" : Math.Abs(value) >= 10 ? "F2" : "F4";
}
