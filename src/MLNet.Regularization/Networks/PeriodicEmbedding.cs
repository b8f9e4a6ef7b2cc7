using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>
/// The periodic embedding of the numeric columns (<see cref="NumericEmbedding.Periodic"/>; Gorishniy et al. 2022's PLR with
/// RealMLP's phases and pass-through): each numeric column <c>x_j</c> of the scaled input becomes d values,
/// <c>[x_j, ReLU(W_j cos(2π f_j x_j + b_j) + c_j)]</c>, with k frequencies <c>f_j</c> and phases <c>b_j</c> and a (d - 1) x k
/// matrix <c>W_j</c> of its own. The output holds the embedded numeric columns in column order (d values each), then the other
/// columns as they are.
/// </summary>
/// <remarks>Initialized as pytabkit's <c>PLREmbeddingsLayerCosBias</c>: <c>f ~ N(0, σ²)</c>, <c>b ~ U(-π, π)</c>, <c>W</c> and
/// <c>c ~ U(-1/√k, 1/√k)</c>, in that order from libtorch's generator. The matrices <c>W_j</c> are stacked as the rows of one
/// [m (d - 1), k] parameter (<see cref="Weight"/>), a row per output unit, so that penalties, max-norm and weight decay treat
/// them as they treat a dense layer's weights.</remarks>
internal sealed class PeriodicEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Tensor numeric;
    private readonly Tensor passthrough;
    private Parameter frequencies;
    private Parameter phases;
    private Parameter weight;
    private Parameter bias;

    /// <param name="inputs">The number of input columns.</param>
    /// <param name="numericColumns">The columns to embed, ascending; the others pass through.</param>
    /// <param name="frequencyCount">k, the frequencies per column.</param>
    /// <param name="size">d, the values per embedded column (the column itself and d - 1 learned ones), at least 2.</param>
    /// <param name="scale">σ, the standard deviation of the initial frequencies.</param>
    public PeriodicEmbedding(int inputs, IReadOnlyList<int> numericColumns, int frequencyCount, int size, double scale) : base(nameof(PeriodicEmbedding))
    {
        NumericColumns = Check(inputs, numericColumns);
        PassthroughColumns = Enumerable.Range(0, inputs).Except(NumericColumns).ToArray();
        FrequencyCount = frequencyCount;
        Size = size;
        int m = NumericColumns.Count;

        numeric = tensor(NumericColumns.Select(c => (long)c).ToArray());
        passthrough = tensor(PassthroughColumns.Select(c => (long)c).ToArray());
        register_buffer(nameof(numeric), numeric);
        register_buffer(nameof(passthrough), passthrough);

        frequencies = nn.Parameter(empty(m, frequencyCount));
        phases = nn.Parameter(empty(m, frequencyCount));
        weight = nn.Parameter(empty(m * (size - 1), frequencyCount));
        bias = nn.Parameter(empty(m, size - 1));
        using (no_grad())
        {
            double bound = 1 / Math.Sqrt(frequencyCount);
            frequencies.normal_(0, scale);
            phases.uniform_(-Math.PI, Math.PI);
            weight.uniform_(-bound, bound);
            bias.uniform_(-bound, bound);
        }
        register_parameter(nameof(frequencies), frequencies);
        register_parameter(nameof(phases), phases);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }

    /// <summary>The number of input columns.</summary>
    public int Inputs => NumericColumns.Count + PassthroughColumns.Count;

    /// <summary>The embedded columns, ascending.</summary>
    public IReadOnlyList<int> NumericColumns { get; }

    /// <summary>The columns that pass through, ascending.</summary>
    public IReadOnlyList<int> PassthroughColumns { get; }

    /// <summary>k, the frequencies per embedded column.</summary>
    public int FrequencyCount { get; }

    /// <summary>d, the values per embedded column.</summary>
    public int Size { get; }

    /// <summary>The width of the output: d values per embedded column, one per column that passes through.</summary>
    public int Outputs => NumericColumns.Count * Size + PassthroughColumns.Count;

    /// <summary>The frequencies f, [m, k].</summary>
    public Parameter Frequencies => frequencies;

    /// <summary>The phases b, [m, k].</summary>
    public Parameter Phases => phases;

    /// <summary>The matrices W_j stacked, [m (d - 1), k]: row <c>j (d - 1) + o</c> is output <c>o</c> of column <c>j</c>.</summary>
    public Parameter Weight => weight;

    /// <summary>The biases c, [m, d - 1].</summary>
    public Parameter Bias => bias;

    public override Tensor forward(Tensor input)
    {
        int m = NumericColumns.Count;
        if (m == 0) return input.alias();
        using var scope = NewDisposeScope();
        long rows = input.shape[0];
        // Column-major [m, N, ·] so that each column's dense layer is one matrix product over the batch (bmm), not N·m tiny ones.
        var x = input.index_select(1, numeric).t().unsqueeze(2);                                 // [m, N, 1]
        var cosines = phases.unsqueeze(1).addcmul(x, frequencies.unsqueeze(1), 2 * Math.PI).cos();        // [m, N, k]
        var w = weight.view(m, Size - 1, FrequencyCount).transpose(1, 2);                         // [m, k, d - 1]
        var learned = (cosines.bmm(w) + bias.unsqueeze(1)).relu();                               // [m, N, d - 1]
        var embedded = cat([x, learned], 2).permute(1, 0, 2).reshape(rows, m * Size);             // [N, m d]
        var output = PassthroughColumns.Count == 0 ? embedded : cat([embedded, input.index_select(1, passthrough)], 1);
        return output.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            numeric.Dispose();
            passthrough.Dispose();
            frequencies.Dispose();
            phases.Dispose();
            weight.Dispose();
            bias.Dispose();
        }
        base.Dispose(disposing);
    }

    private static int[] Check(int inputs, IReadOnlyList<int> columns)
    {
        for (int i = 0; i < columns.Count; i++)
            if (columns[i] < 0 || columns[i] >= inputs || (i > 0 && columns[i] <= columns[i - 1]))
                throw new ArgumentException($"The numeric columns must be ascending input columns (0 to {inputs - 1}); got {string.Join(", ", columns)}.",
                    nameof(columns));
        return columns.ToArray();
    }
}
