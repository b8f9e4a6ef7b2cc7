using MLNet.Regularization.Networks;
using MLNet.Regularization.Training;
using Onnx;
using static MLNet.Regularization.Scoring.OnnxGraphBuilder;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Writes a trained MLP ensemble as one ONNX graph (opset 17): standardization, each member's dense layers and
/// activations, then the task's combination of the members. ML.NET's OnnxTransformer scores and saves it; it is
/// also the standalone ONNX export.
/// </summary>
internal static class MlpOnnxWriter
{
    public const string ScoreOutput = "score";
    public const string FeatureMean = "feature_mean";
    public const string FeatureScale = "feature_scale";
    public const string LabelMean = "label_mean";
    public const string LabelScale = "label_scale";
    public const string ProbabilityOutput = "probability";
    public const int OpsetVersion = 17;

    public static string WeightName(int member, int layer) => $"m{member}_w{layer}";

    public static string BiasName(int member, int layer) => $"m{member}_b{layer}";

    public static ModelProto Write(string inputName, Standardization features, IReadOnlyList<NetworkWeights> members,
        PredictionKind kind, Standardization? label)
    {
        var g = new OnnxGraphBuilder();
        int d = features.Mean.Length;
        g.Graph.Input.Add(FloatMatrix(inputName, d));

        var x = g.Node("Sub", [inputName, g.Constant(FeatureMean, features.Mean, d)]);
        x = g.Node("Div", [x, g.Constant(FeatureScale, features.Scale, d)]);

        var logits = members.Select((m, i) => Member(g, x, m, i)).ToList();
        int outputs = members[0].Layers[^1].Outputs;
        switch (kind)
        {
            case PredictionKind.Binary:
                Mean(g, logits, ScoreOutput);
                Mean(g, logits.Select(l => g.Node("Sigmoid", [l])).ToList(), ProbabilityOutput);
                g.Graph.Output.Add(FloatMatrix(ScoreOutput, 1));
                g.Graph.Output.Add(FloatMatrix(ProbabilityOutput, 1));
                break;
            case PredictionKind.Multiclass:
                Mean(g, logits.Select(l => g.Node("Softmax", [l], null, Int("axis", 1))).ToList(), ScoreOutput);
                g.Graph.Output.Add(FloatMatrix(ScoreOutput, outputs));
                break;
            case PredictionKind.Regression:
                var mean = Mean(g, logits, null);
                var scaled = g.Node("Mul", [mean, g.Constant(LabelScale, label!.Scale, 1)]);
                g.Node("Add", [scaled, g.Constant(LabelMean, label.Mean, 1)], ScoreOutput);
                g.Graph.Output.Add(FloatMatrix(ScoreOutput, 1));
                break;
        }

        var model = new ModelProto { IrVersion = 8, Graph = g.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }

    private static string Member(OnnxGraphBuilder g, string x, NetworkWeights network, int member)
    {
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var w = g.Constant(WeightName(member, i), layer.Weight, layer.Outputs, layer.Inputs);
            var b = g.Constant(BiasName(member, i), layer.Bias, layer.Outputs);
            x = g.Node("Gemm", [x, w, b], null, Int("transB", 1));
            if (i < network.Layers.Count - 1) x = Activate(g, x, network.Activation);
        }
        return x;
    }

    private static string Activate(OnnxGraphBuilder g, string x, Activation activation) => activation switch
    {
        Activation.ReLU => g.Node("Relu", [x]),
        Activation.LeakyReLU => g.Node("LeakyRelu", [x], null, Float("alpha", 0.01f)),
        Activation.ELU => g.Node("Elu", [x], null, Float("alpha", 1f)),
        // Exact GELU: x * 0.5 * (1 + erf(x / sqrt(2))), as torch.nn.GELU() computes it.
        Activation.GELU => g.Node("Mul", [g.Node("Mul", [x, g.Scalar(0.5f)]),
            g.Node("Add", [g.Node("Erf", [g.Node("Div", [x, g.Scalar(MathF.Sqrt(2f))])]), g.Scalar(1f)])]),
        Activation.SiLU => g.Node("Mul", [x, g.Node("Sigmoid", [x])]),
        Activation.Tanh => g.Node("Tanh", [x]),
        Activation.Sigmoid => g.Node("Sigmoid", [x]),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>The element-wise mean of the members' tensors (the tensor itself for a single member).</summary>
    private static string Mean(OnnxGraphBuilder g, IReadOnlyList<string> values, string? output)
    {
        if (values.Count == 1) return output is null ? values[0] : g.Node("Identity", [values[0]], output);
        return g.Node("Div", [g.Node("Sum", [.. values]), g.Scalar(values.Count)], output);
    }
}
