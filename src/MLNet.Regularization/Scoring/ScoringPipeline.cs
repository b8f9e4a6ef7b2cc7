using MLNet.Regularization.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Builds the ML.NET transformer that scores with a network's ONNX graph and produces the standard output columns of
/// the task. Every piece is one of ML.NET's own saveable transforms (or a stateless mapping from this assembly), so
/// <c>mlContext.Model.Save</c> and <c>Load</c> handle it natively. The graph reaches OnnxTransformer as a file in
/// <see cref="MLContext.TempFilePath"/> that the model owns (<see cref="OnnxModelFile"/>), not as a stream, whose temporary
/// copy ML.NET would never delete.
/// </summary>
internal static class ScoringPipeline
{
    public const string PredictedIndexColumn = "mlp.PredictedIndex";

    /// <summary>The scoring chain and the graph file it reads, which the caller owns: dispose the chain, then the file.
    /// If building fails, the file is deleted.</summary>
    public static (ITransformer Scorer, OnnxModelFile File) Build(MLContext mlContext, IDataView trainingData, TrainedNetwork network,
        string featureColumnName, DataViewSchema.Column? labelColumn)
    {
        var file = OnnxModelFile.Create(mlContext.TempFilePath, () => network.ToOnnxBytes(featureColumnName));
        OnnxScoringEstimator? onnx = null;
        try
        {
            var objective = network.Objective;
            onnx = mlContext.Transforms.ApplyOnnxModel(objective.OnnxOutputs, [featureColumnName], file.Path);
            var (columns, temporary) = objective.ScoringColumns(mlContext, labelColumn);
            var scorer = onnx.Append(columns).Append(mlContext.Transforms.DropColumns(temporary)).Fit(trainingData);
            file.Release();
            return (scorer, file);
        }
        catch
        {
            if (onnx is not null) Close(onnx, trainingData);
            file.Dispose();
            throw;
        }
    }

    /// <summary>Disposes the OnnxTransformer that ApplyOnnxModel made, when building the chain fails: it holds the graph's
    /// file open, which on Windows keeps the file from being deleted.</summary>
    private static void Close(OnnxScoringEstimator onnx, IDataView trainingData)
    {
        try
        {
            onnx.Fit(trainingData).Dispose();
        }
        catch (Exception)
        {
            // Fit refuses data whose schema the graph does not accept; building failed already, and that is the error to report.
        }
    }
}
