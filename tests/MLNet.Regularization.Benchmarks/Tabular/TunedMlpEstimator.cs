using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Regularization.Tuning;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>A RegularizedMlp whose options are tuned on the data it is fitted to: <see cref="Fit"/> runs the search on the rows
/// (which holds out its own validation share) and returns the model of <see cref="SearchResult.FitBest"/>, trained on all of
/// them. Its output schema is the plain trainer's.</summary>
/// <param name="ml">The context of the search.</param>
/// <param name="options">The base options of the search.</param>
/// <param name="search">How the search runs.</param>
/// <param name="plain">The trainer of <paramref name="options"/>, whose output schema this estimator's is.</param>
/// <param name="searched">Receives each search's result and wall seconds (to print it); <see langword="null"/> for none.</param>
internal sealed class TunedMlpEstimator(MLContext ml, RegularizedTrainerOptions options, SearchOptions search, IEstimator<ITransformer> plain,
    Action<SearchResult, double>? searched = null) : IEstimator<ITransformer>
{
    public ITransformer Fit(IDataView input)
    {
        var timer = Stopwatch.StartNew();
        var result = ml.Tuning().CreateSearch(options, search).Run(input);
        searched?.Invoke(result, timer.Elapsed.TotalSeconds);
        return result.FitBest(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => plain.GetOutputSchema(inputSchema);

    /// <summary>A line describing a search: its trials by state, its best value and its wall time.</summary>
    public static string Describe(SearchResult result, double seconds) => string.Create(CultureInfo.InvariantCulture,
        $"{result.Trials.Count} trials ({string.Join(", ", result.Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))}), " +
        $"best validation {result.Metric} {result.BestTrial.Value:F4} (trial {result.BestTrial.Number}), {seconds:F1} s");
}
