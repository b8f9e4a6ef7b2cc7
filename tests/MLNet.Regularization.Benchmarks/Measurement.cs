using System.Text.Encodings.Web;
using System.Text.Json;

namespace MLNet.Regularization.Benchmarks;

/// <summary>What the side-by-side benchmarks share around their timings: the median, a clean heap between runs, and the JSON lines they print.</summary>
internal static class Measurement
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Collects the garbage of the run that ended, so that the next run does not pay for it.</summary>
    public static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Rounds a figure to 4 decimals for the JSON lines.</summary>
    public static double Round(double value) => Math.Round(value, 4);

    /// <summary>Prints one JSON line of figures.</summary>
    public static void PrintJson(Dictionary<string, object?> fields) => Console.WriteLine(JsonSerializer.Serialize(fields, JsonOptions));
}
