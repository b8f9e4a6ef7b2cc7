using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Scoring;
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

    [Fact]
    public void The_graph_file_in_MLContext_TempFilePath_is_gone_after_Fit_and_after_each_save_and_a_disposed_model_refuses_to_save()
    {
        var folder = Directory.CreateTempSubdirectory("mlnet-regularization-temp-").FullName;
        try
        {
            var ml = new MLContext(seed: 1) { TempFilePath = folder };
            var data = TestData.Binary(ml, 100);
            var model = ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => o.Epochs = 2)).Fit(data);
            var expected = model.Transform(data).GetColumn<float>("Score").ToArray();
            if (!OperatingSystem.IsWindows()) Assert.Empty(Directory.EnumerateFileSystemEntries(folder)); // Windows keeps it until Dispose

            // Saving needs the graph file: it is written again for the save, and deleted after it.
            for (int save = 0; save < 2; save++)
            {
                using var zip = new MemoryStream();
                ml.Model.Save(model, data.Schema, zip);
                if (!OperatingSystem.IsWindows()) Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
                zip.Position = 0;
                var loaded = new MLContext { TempFilePath = folder }.Model.Load(zip, out _);
                Assert.Equal(expected, loaded.Transform(data).GetColumn<float>("Score"));
                ((IDisposable)loaded).Dispose();
            }

            model.Dispose();
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
            var error = Assert.Throws<ObjectDisposedException>(() => ml.Model.Save(model, data.Schema, new MemoryStream()));
            Assert.Contains(nameof(RegularizedNetworkModel), error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_graph_file_is_written_to_the_trainer_s_MLContext_TempFilePath()
    {
        var file = Path.GetTempFileName();
        try
        {
            // A folder inside a file cannot be created: the fit fails where it writes the graph, naming the folder.
            var ml = new MLContext(seed: 1) { TempFilePath = Path.Combine(file, "folder") };
            var data = TestData.Binary(ml, 50);

            var error = Assert.ThrowsAny<IOException>(() => ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => o.Epochs = 1)).Fit(data));

            Assert.Contains(file, error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_scoring_chain_that_fails_to_build_deletes_the_graph_file_it_wrote()
    {
        var folder = Directory.CreateTempSubdirectory("mlnet-regularization-temp-").FullName;
        try
        {
            var ml = new MLContext(seed: 1) { TempFilePath = folder };
            TrainedNetwork network;
            using (var model = ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 1)).Fit(TestData.Multiclass(ml, 60)))
                network = model.Network;
            var floatLabel = TestData.Regression(ml, 20); // a multiclass chain needs a key label: building fails after the graph file is written

            Assert.Throws<InvalidCastException>(() => ScoringPipeline.Build(ml, floatLabel, network, "Features", floatLabel.Schema["Label"]));

            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
