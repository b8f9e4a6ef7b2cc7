using System.Collections.Concurrent;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// The file from which ML.NET's OnnxTransformer reads a network's ONNX graph, owned by the model so that no copy is left
/// in the temporary folder.
/// </summary>
/// <remarks>
/// <para>ML.NET's routes from a stream or bytes copy the graph to a temporary file of their own; the stream route never
/// deletes it. This pack writes the file itself and gives ML.NET the path (ML.NET never deletes a file given by path).
/// OnnxTransformer needs the file at two moments only: when it is created (ONNX Runtime and ML.NET read it) and when it is
/// saved (ML.NET reads the graph back by name for <c>mlContext.Model.Save</c>).</para>
/// <para>So <see cref="Release"/>, called once the transformer is built, deletes the file at once where the system lets an
/// open file be deleted (Linux, macOS); <see cref="ForSave"/> writes it again for the length of a save and deletes it
/// after. Where the file cannot be deleted while ML.NET holds it open (Windows), it stays until <see cref="Dispose"/>, the
/// finalizer, or the end of the process, whichever comes first.</para>
/// </remarks>
internal sealed class OnnxModelFile : IDisposable
{
    /// <summary>Files not yet deleted, deleted when the process exits (finalizers do not run then).</summary>
    private static readonly ConcurrentDictionary<string, byte> Undeleted = new();

    static OnnxModelFile() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var path in Undeleted.Keys) TryDelete(path);
    };

    private readonly Func<byte[]> _graph;
    private readonly object _gate = new();
    private int _saves;
    private bool _disposed;

    private OnnxModelFile(string path, Func<byte[]> graph)
    {
        Path = path;
        _graph = graph;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="graph"/>'s bytes to a new file in <paramref name="folder"/> (created if missing).
    /// <paramref name="graph"/> must give the same bytes every time: it is called again for each save.</summary>
    public static OnnxModelFile Create(string folder, Func<byte[]> graph)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), $"mlnet-regularization-{Guid.NewGuid():N}.onnx");
        Undeleted[path] = 0;
        try
        {
            File.WriteAllBytes(path, graph());
        }
        catch
        {
            TryDelete(path);
            throw;
        }
        return new OnnxModelFile(path, graph);
    }

    /// <summary>Deletes the file if the system allows it while ML.NET holds it open; call once the transformer is built.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (_saves == 0) TryDelete(Path);
        }
    }

    /// <summary>Makes sure the file is there until the returned object is disposed: wrap the transformer's save in it.</summary>
    public IDisposable ForSave()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(RegularizedNetworkModel));
            if (_saves++ == 0 && !File.Exists(Path))
            {
                Undeleted[Path] = 0;
                File.WriteAllBytes(Path, _graph());
            }
        }
        return new SaveScope(this);
    }

    /// <summary>Deletes the file; call after disposing the transformer that reads it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            TryDelete(Path);
        }
        GC.SuppressFinalize(this);
    }

    ~OnnxModelFile() => TryDelete(Path);

    private void EndSave()
    {
        lock (_gate)
        {
            if (--_saves == 0) TryDelete(Path);
        }
    }

    /// <summary>Deletes the file unless the system refuses because it is open (Windows): then it is tried again later.</summary>
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            Undeleted.TryRemove(path, out _);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private sealed class SaveScope(OnnxModelFile file) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) file.EndSave();
        }
    }
}
