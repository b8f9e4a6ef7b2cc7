using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>
/// Fitting, scoring, saving, loading and disposing models leaves the temporary folder as it was. The end-to-end test runs
/// in the load probe application with its temporary folder pointed (TMPDIR, TMP, TEMP) at an empty folder of the test's
/// own, so other tests and processes cannot add to it or remove from it.
/// </summary>
public class TemporaryFileTests(ITestOutputHelper output)
{
    [Fact]
    public void Fits_saves_loads_and_disposals_leave_the_temporary_folder_as_it_was_also_after_the_process_exits()
    {
        var root = Directory.CreateTempSubdirectory("mlnet-regularization-temp-").FullName;
        try
        {
            var temporary = Directory.CreateDirectory(Path.Combine(root, "temp")).FullName + Path.DirectorySeparatorChar;
            var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;

            var steps = LoadProbeApplication.Run(["temp-files", work],
                new Dictionary<string, string> { ["TMPDIR"] = temporary, ["TMP"] = temporary, ["TEMP"] = temporary });
            foreach (var step in steps) output.WriteLine(step);

            // The first line names what was there before the first fit: the runtime's diagnostic pipes and ONNX Runtime's session file.
            Assert.StartsWith("baseline:", steps[0]);
            var baseline = steps[0]["baseline:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(10, steps.Length - 1);
            var left = steps.Skip(1).Where(s => !s.EndsWith(": 0", StringComparison.Ordinal)).ToArray();
            Assert.True(left.Length == 0, $"Steps that left entries in the temporary folder: {string.Join("; ", left)}");
            var after = Directory.EnumerateFileSystemEntries(temporary).Select(Path.GetFileName).Except(baseline).ToArray();
            Assert.True(after.Length == 0, $"Left in the temporary folder after the process exited: {string.Join(", ", after)}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
