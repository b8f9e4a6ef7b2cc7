using System.Globalization;
using Microsoft.ML;
using MLNet.Regularization.Tuning;

// mlnet-tuning-worker --storage <store> --search <name> [--max-trials N] [--max-time SECONDS] [--threads T]
//                     [--heartbeat-interval SECONDS] [--heartbeat-timeout SECONDS]
// Joins a stored search and runs its trials until its budget is spent. The search, its options and its training data come
// from the store, so a worker on another machine needs only the storage string.
const string Usage = "usage: mlnet-tuning-worker --storage <sqlite:file or PostgreSQL connection string> --search <name> " +
    "[--max-trials N] [--max-time SECONDS] [--threads T] [--heartbeat-interval SECONDS] [--heartbeat-timeout SECONDS]";
var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"unexpected argument '{args[i]}'. {Usage}");
        return 2;
    }
    values[args[i]] = args[++i];
}
string[] known = ["--storage", "--search", "--max-trials", "--max-time", "--threads", "--heartbeat-interval", "--heartbeat-timeout"];
string? unknown = values.Keys.Except(known).FirstOrDefault();
if (unknown is not null || !values.ContainsKey("--storage") || !values.ContainsKey("--search"))
{
    Console.Error.WriteLine(unknown is not null ? $"unknown option {unknown}. {Usage}" : Usage);
    return 2;
}
int? Integer(string name) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
TimeSpan? Seconds(string name) => values.TryGetValue(name, out var v) ? TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) : null;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    var result = new MLContext().Tuning().JoinSearch(values["--storage"], values["--search"], Integer("--max-trials"), Seconds("--max-time"),
        Integer("--threads"), Seconds("--heartbeat-interval"), Seconds("--heartbeat-timeout"), stop.Token);
    int mine = result.Trials.Count(t => t.Worker == $"{Environment.MachineName}:{Environment.ProcessId}");
    Console.WriteLine($"search {result.Name}: {result.Trials.Count} trials, {mine} run by this worker");
    return 0;
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or OperationCanceledException or NotSupportedException or DirectoryNotFoundException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
