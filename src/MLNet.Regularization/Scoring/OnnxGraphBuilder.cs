using Google.Protobuf;
using Onnx;

namespace MLNet.Regularization.Scoring;

/// <summary>A small helper over the ONNX protobuf classes: adds initializers and nodes with generated output names.</summary>
internal sealed class OnnxGraphBuilder
{
    private int _next;

    public GraphProto Graph { get; } = new() { Name = "network" };

    /// <summary>Adds a float initializer and returns its name.</summary>
    public string Constant(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian.");
        tensor.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds an int64 initializer (a shape) and returns its name.</summary>
    public string Int64Constant(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a scalar float initializer and returns its name.</summary>
    public string Scalar(float value) => Constant($"c{_next++}", [value]);

    /// <summary>Adds a node; returns the name of its (single) output, <paramref name="output"/> or a generated one.</summary>
    public string Node(string op, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        output ??= $"{op.ToLowerInvariant()}{_next++}";
        var node = new NodeProto { OpType = op, Name = $"{op}_{_next++}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds the nodes of an activation, as PyTorch's module of the same name computes it.</summary>
    public string Activate(string x, Activation activation) => activation switch
    {
        Activation.ReLU => Node("Relu", [x]),
        Activation.LeakyReLU => Node("LeakyRelu", [x], null, Float("alpha", 0.01f)),
        Activation.ELU => Node("Elu", [x], null, Float("alpha", 1f)),
        // Exact GELU: x * 0.5 * (1 + erf(x / sqrt(2))), as torch.nn.GELU() computes it.
        Activation.GELU => Node("Mul", [Node("Mul", [x, Scalar(0.5f)]),
            Node("Add", [Node("Erf", [Node("Div", [x, Scalar(MathF.Sqrt(2f))])]), Scalar(1f)])]),
        Activation.SiLU => Node("Mul", [x, Node("Sigmoid", [x])]),
        Activation.Tanh => Node("Tanh", [x]),
        Activation.Sigmoid => Node("Sigmoid", [x]),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A float tensor input or output with a dynamic batch dimension "N" and the given width.</summary>
    public static ValueInfoProto FloatMatrix(string name, long width) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = (int)TensorProto.Types.DataType.Float,
                Shape = new TensorShapeProto
                {
                    Dim = { new TensorShapeProto.Types.Dimension { DimParam = "N" }, new TensorShapeProto.Types.Dimension { DimValue = width } },
                },
            },
        },
    };
}
