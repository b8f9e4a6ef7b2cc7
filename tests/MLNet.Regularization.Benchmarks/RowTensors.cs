using MLNet.Regularization.Samples;
using static TorchSharp.torch;

namespace MLNet.Regularization.Benchmarks;

/// <summary>The rows of an IDX data set as the tensors a hand-written TorchSharp loop trains on.</summary>
internal static class RowTensors
{
    /// <summary>The pixels as one [rows, pixels] tensor of [0, 1] values.</summary>
    public static Tensor Features(ImageRow[] rows)
    {
        int size = rows[0].Features.Length;
        var pixels = new float[rows.Length * size];
        for (int i = 0; i < rows.Length; i++) rows[i].Features.CopyTo(pixels, i * size);
        return tensor(pixels, [rows.Length, size]);
    }

    /// <summary>The class numbers as an Int64 tensor.</summary>
    public static Tensor Labels(ImageRow[] rows) => tensor(rows.Select(r => (long)r.Label).ToArray());
}
