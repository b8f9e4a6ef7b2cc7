using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Builds the ML.NET transformer that scores with a network's ONNX graph and produces the standard output columns of
/// the task. Every piece is one of ML.NET's own saveable transforms (or a stateless mapping from this assembly), so
/// <c>mlContext.Model.Save</c> and <c>Load</c> handle it natively.
/// </summary>
internal static class ScoringPipeline
{
    public const string PredictedIndexColumn = "mlp.PredictedIndex";

    public static ITransformer Build(MLContext mlContext, IDataView trainingData, TrainedNetwork network, string featureColumnName,
        DataViewSchema.Column? labelColumn)
    {
        var transforms = mlContext.Transforms;
        var kind = network.Kind;
        string[] onnxOutputs = kind == PredictionKind.Binary ? [MlpOnnxWriter.ScoreOutput, MlpOnnxWriter.ProbabilityOutput] : [MlpOnnxWriter.ScoreOutput];
        var onnx = network.ToOnnxBytes(featureColumnName);
        IEstimator<ITransformer> pipeline = transforms.ApplyOnnxModel(onnxOutputs, [featureColumnName], new MemoryStream(onnx));
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
}
