using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// The worker processes of a search run with <see cref="SearchOptions.Workers"/> above 1: each runs the worker program
/// (MLNet.Regularization.Tuning.Worker, next to this assembly) against the same store. Disposing kills those still running,
/// so that none outlives the search.
/// </summary>
internal sealed class WorkerProcesses : IDisposable
{
    /// <summary>The worker program's file name.</summary>
    public const string ProgramFile = "MLNet.Regularization.Tuning.Worker.dll";

    private readonly List<(Process Process, StringBuilder Errors)> _processes = [];

    private WorkerProcesses() { }

    public static WorkerProcesses Start(string storage, string search, int count, WorkerSettings settings)
    {
        string program = Locate();
        var workers = new WorkerProcesses();
        try
        {
            for (int i = 0; i < count; i++) workers.StartOne(program, storage, search, settings);
        }
        catch
        {
            workers.Dispose();
            throw;
        }
        return workers;
    }

    private static string Locate()
    {
        string[] folders = [AppContext.BaseDirectory, Path.GetDirectoryName(typeof(WorkerProcesses).Assembly.Location) ?? ""];
        return folders.Select(f => Path.Combine(f, ProgramFile)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"Search option Workers above 1 needs the worker program {ProgramFile} next to the application " +
                $"(reference the MLNet.Regularization.Tuning.Worker project or package); it is not in {string.Join(" or ", folders.Distinct())}.");
    }

    private void StartOne(string program, string storage, string search, WorkerSettings settings)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (var (name, value) in new (string, string?)[]
        {
            ("--storage", storage), ("--search", search),
            ("--max-trials", settings.MaxTrials?.ToString(CultureInfo.InvariantCulture)),
            ("--max-time", settings.MaxTime?.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)),
            ("--threads", settings.Threads?.ToString(CultureInfo.InvariantCulture)),
            ("--heartbeat-interval", settings.HeartbeatInterval.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)),
            ("--heartbeat-timeout", settings.HeartbeatTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)),
        })
        {
            if (value is null) continue;
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"The worker program {program} did not start.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _processes.Add((process, errors));
    }

    /// <summary>The dotnet host that runs this process (the SDK sets DOTNET_HOST_PATH under dotnet test and dotnet run).</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>Waits for every worker to end; returns a note for each that failed, with the end of its error output.</summary>
    public IReadOnlyList<string> WaitForExit(CancellationToken cancellation)
    {
        var notes = new List<string>();
        foreach (var (process, errors) in _processes)
        {
            process.WaitForExitAsync(cancellation).GetAwaiter().GetResult();
            process.WaitForExit();   // drains the redirected output
            if (process.ExitCode != 0)
                lock (errors) notes.Add($"worker process {process.Id} exited with code {process.ExitCode}: {errors.ToString().Trim()}");
        }
        return notes;
    }

    public void Dispose()
    {
        foreach (var (process, _) in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            catch (InvalidOperationException) { /* it ended meanwhile */ }
            process.Dispose();
        }
        _processes.Clear();
    }
}
