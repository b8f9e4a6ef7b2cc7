using System.Runtime.CompilerServices;

namespace MLNet.Regularization.Tests;

/// <summary>
/// Gives the test process a temporary folder of its own, deleted when the process exits, so that what ML.NET and ONNX
/// Runtime leave in the temporary folder (a model loaded by <c>mlContext.Model.Load</c> keeps a copy of its ONNX graph there
/// until it is disposed) does not stay behind on the machine.
/// </summary>
internal static class PrivateTempFolder
{
    [ModuleInitializer]
    internal static void Use()
    {
        string folder = Directory.CreateTempSubdirectory("mlnet-regularization-tests-").FullName;
        // Path.GetTempPath reads TMPDIR on Linux and macOS, TMP and TEMP on Windows, each time it is called.
        foreach (var variable in new[] { "TMPDIR", "TMP", "TEMP" }) Environment.SetEnvironmentVariable(variable, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere (Windows): the system's temporary-folder cleanup takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
    }
}
