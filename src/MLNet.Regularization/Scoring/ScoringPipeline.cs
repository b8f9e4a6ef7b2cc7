using Google.Protobuf;
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
        var file = OnnxModelFile.Create(mlContext.TempFilePath, () => network.ToOnnx(featureColumnName).ToByteArray());
        OnnxScoringEstimator? onnx = null;
        try
        {
            string[] onnxOutputs = network.Kind == PredictionKind.Binary
                ? [MlpOnnxWriter.ScoreOutput, MlpOnnxWriter.ProbabilityOutput]
                : [MlpOnnxWriter.ScoreOutput];
            onnx = mlContext.Transforms.ApplyOnnxModel(onnxOutputs, [featureColumnName], file.Path);
            var scorer = Build(mlContext, trainingData, network, labelColumn, onnx, onnxOutputs);
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

    private static ITransformer Build(MLContext mlContext, IDataView trainingData, TrainedNetwork network, DataViewSchema.Column? labelColumn,
        OnnxScoringEstimator onnx, string[] onnxOutputs)
    {
        var transforms = mlContext.Transforms;
        var kind = network.Kind;
        IEstimator<ITransformer> pipeline = onnx;
        string[] temporary = onnxOutputs;
        switch (kind)
        {
            case PredictionKind.Binary:
                pipeline = pipeline.Append(transforms.CustomMapping(new BinaryScoreMapping().GetMapping(), BinaryScoreMapping.ContractName));
                break;
            case PredictionKind.Regression:
                pipeline = pipeline.Append(transforms.CustomMapping(new RegressionScoreMapping().GetMapping(), RegressionScoreMapping.ContractName));
                break;
            case PredictionKind.Multiclass:
                var (predictedLabel, labelTemporary) = PredictedLabelMapping.Create(mlContext, labelColumn!.Value, PredictedIndexColumn, "PredictedLabel");
                pipeline = pipeline
                    .Append(transforms.CopyColumns("Score", MlpOnnxWriter.ScoreOutput))
                    .Append(transforms.CustomMapping(new PredictedClassMapping().GetMapping(), PredictedClassMapping.ContractName))
                    .Append(predictedLabel);
                temporary = [.. temporary, .. labelTemporary];
                break;
        }
        pipeline = pipeline.Append(transforms.DropColumns(temporary));
        return pipeline.Fit(trainingData);
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
