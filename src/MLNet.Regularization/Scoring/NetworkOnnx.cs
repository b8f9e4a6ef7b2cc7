using MLNet.Regularization.Tasks;
using MLNet.Regularization.Networks;
using Onnx;
using static MLNet.Regularization.Scoring.OnnxGraphBuilder;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Writes a trained ensemble as one ONNX graph (opset 17), whatever its architecture: the input scaling, each
/// member's body (written by its architecture's seam), then the task's head, which combines the members. ML.NET's
/// OnnxTransformer scores and saves it; it is also the standalone ONNX export.
/// </summary>
internal static class NetworkOnnx
{
    public const string ScoreOutput = "score";
    public const string FeatureMean = "feature_mean";
    public const string FeatureScale = "feature_scale";
    public const string FeatureClip = "feature_clip";
    public const string LabelMean = "label_mean";
    public const string LabelScale = "label_scale";
    public const string ProbabilityOutput = "probability";
    public const int OpsetVersion = 17;

    public static ModelProto Write(string inputName, NetworkArchitecture architecture, Standardization features, IReadOnlyList<NetworkWeights> members,
        Objective objective, Standardization? label)
    {
        var g = new OnnxGraphBuilder();
        int d = features.Mean.Length;
        g.Graph.Input.Add(FloatMatrix(inputName, d));

        var x = g.Node("Sub", [inputName, g.Constant(FeatureMean, features.Mean, d)]);
        x = g.Node("Div", [x, g.Constant(FeatureScale, features.Scale, d)]);
        if (features.Clip is { } clip)
        {
            // The smooth clip z / sqrt(1 + (z * clip)^2); a clip of 0 leaves the column as it is.
            var t = g.Node("Mul", [x, g.Constant(FeatureClip, clip, d)]);
            x = g.Node("Div", [x, g.Node("Sqrt", [g.Node("Add", [g.Node("Mul", [t, t]), g.Scalar(1)])])]);
        }

        var body = ArchitectureOnnx.Of(architecture);
        var logits = members.Select((m, i) => body.Write(g, x, m, i)).ToList();
        objective.WriteOnnxHead(g, logits, label);

        var model = new ModelProto { IrVersion = 8, Graph = g.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }

    /// <summary>The element-wise mean of the members' tensors (the tensor itself for a single member).</summary>
    public static string Mean(OnnxGraphBuilder g, IReadOnlyList<string> values, string? output)
    {
        if (values.Count == 1) return output is null ? values[0] : g.Node("Identity", [values[0]], output);
        return g.Node("Div", [g.Node("Sum", [.. values]), g.Scalar(values.Count)], output);
    }
}
