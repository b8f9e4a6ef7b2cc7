using Microsoft.ML;
using MLNet.Regularization.Training;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>The training rows in memory (one copy) or in a disk cache streamed through a shuffle buffer.</summary>
public class DataStorageTests
{
    private readonly MLContext _ml = new(seed: 1);

    // 2,000 rows of 10 features: 80,000 bytes of features.
    private const long DataBytes = 2000L * TestData.FeatureCount * sizeof(float);

    private RegularizedNetworkModel Fit(DataStorage storage, long? memoryLimit = null, Action<RegularizedMlpBinaryTrainer.Options>? configure = null)
    {
        var options = Quick.Binary(o =>
        {
            o.Epochs = 10;
            o.DataStorage = storage;
            o.MemoryLimit = memoryLimit;
            configure?.Invoke(o);
        });
        return _ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(TestData.Binary(_ml, 2000));
    }

    private double TestAccuracy(RegularizedNetworkModel model) =>
        _ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(TestData.Binary(_ml, 1000, seed: 2))).Accuracy;

    [Fact]
    public void Auto_keeps_data_in_memory_below_the_limit_and_streams_it_from_disk_above()
    {
        Assert.Equal(DataStorage.Memory, Fit(DataStorage.Auto, memoryLimit: DataBytes + 1).TrainingReport.DataStorage);
        Assert.Equal(DataStorage.DiskCache, Fit(DataStorage.Auto, memoryLimit: DataBytes - 1).TrainingReport.DataStorage);
        Assert.Equal(DataStorage.Memory, Fit(DataStorage.Auto).TrainingReport.DataStorage);
    }

    [Fact]
    public void Data_eight_times_the_memory_limit_trains_from_the_disk_cache_as_well_as_from_memory()
    {
        var memory = Fit(DataStorage.Memory);
        var disk = Fit(DataStorage.Auto, memoryLimit: DataBytes / 8);

        Assert.Equal(DataStorage.DiskCache, disk.TrainingReport.DataStorage);
        Assert.Equal(2000, disk.TrainingReport.TrainingRows);
        double memoryAccuracy = TestAccuracy(memory), diskAccuracy = TestAccuracy(disk);
        Assert.True(diskAccuracy > 0.9 && Math.Abs(diskAccuracy - memoryAccuracy) < 0.03,
            $"test accuracy {diskAccuracy:F3} from the disk cache, {memoryAccuracy:F3} from memory");
    }

    [Fact]
    public void Disk_cache_training_is_reproducible_and_shuffles_differently_each_epoch()
    {
        float[] Weights(int seed) => Fit(DataStorage.DiskCache, DataBytes / 8, o => o.Seed = seed).Networks[0].Layers()[0].Weight;

        Assert.Equal(Weights(3), Weights(3));
        Assert.NotEqual(Weights(3), Weights(4));
    }

    [Fact]
    public void Hold_out_early_stopping_bootstrap_ensembles_and_fresh_reads_work_on_the_disk_cache()
    {
        void Configure(RegularizedMlpBinaryTrainer.Options o)
        {
            o.ValidationFraction = 0.2;
            o.EarlyStopping = true;
            o.EarlyStoppingPatience = 3;
            o.EnsembleSize = 2;
            o.EnsembleBootstrap = true;
            o.ReadDataEachEpoch = true;
        }
        var memory = Fit(DataStorage.Memory, configure: Configure);
        var disk = Fit(DataStorage.DiskCache, DataBytes / 8, Configure);

        Assert.All(disk.TrainingReports, r => Assert.Equal(400, r.ValidationRows));
        Assert.All(disk.TrainingReports, r => Assert.True(r.Epochs.All(e => double.IsFinite(e.ValidationLoss))));
        Assert.True(Math.Abs(TestAccuracy(disk) - TestAccuracy(memory)) < 0.03,
            $"test accuracy {TestAccuracy(disk):F3} from the disk cache, {TestAccuracy(memory):F3} from memory");
    }

    [Fact]
    public void The_disk_cache_leaves_its_folder_as_it_was_and_has_no_name_while_in_use()
    {
        string folder = Directory.CreateTempSubdirectory("mlnet-regularization-cache-").FullName;
        try
        {
            var seen = new List<int>();
            Fit(DataStorage.DiskCache, configure: o =>
            {
                o.DiskCacheFolder = folder;
                o.Progress = new SynchronousProgress<EpochReport>(_ => seen.Add(Directory.GetFiles(folder).Length));
            }).Dispose();

            Assert.Equal(10, seen.Count);
            if (!OperatingSystem.IsWindows()) Assert.All(seen, files => Assert.Equal(0, files));
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_cache_folder_is_refused_when_the_trainer_is_created()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.Trainers.RegularizedMlp(
            Quick.Binary(o => o.DiskCacheFolder = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid()))));
        Assert.Contains("DiskCacheFolder", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => o.MemoryLimit = 0)));
    }

    [Fact]
    public void Memory_storage_of_data_larger_than_the_machine_says_to_use_the_disk_cache()
    {
        // 2^31 - 1 rows of 2^20 features: 8 PiB, which no allocator grants.
        var error = Assert.Throws<InsufficientMemoryException>(() => new MemoryRowStore(int.MaxValue, 1 << 20));
        Assert.Contains("DataStorage.DiskCache", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stores_give_back_the_rows_written_at_any_offset(bool disk)
    {
        using RowStore store = disk ? new DiskRowStore(100, 3, Path.GetTempPath(), 1 << 20) : new MemoryRowStore(100, 3);
        var rows = Enumerable.Range(0, 300).Select(i => (float)i).ToArray();
        store.Write(0, rows.AsSpan(0, 150));
        store.Write(50, rows.AsSpan(150));
        var back = new float[300];
        store.Read(0, back);
        Assert.Equal(rows, back);
        var middle = new float[6];
        store.Read(60, middle);
        Assert.Equal(rows.AsSpan(180, 6).ToArray(), middle);
    }

    [Fact]
    public void Disk_shuffle_is_a_seeded_permutation_mixed_within_each_window()
    {
        // 16-byte rows: blocks of 4,096 rows; a window of 512 rows.
        using var store = new DiskRowStore(20_000, 4, Path.GetTempPath(), windowBytes: 512 * 16);
        var reader = store.OpenReader(batchSize: 64);
        Assert.Equal(512, reader.WindowRows);
        var rows = Enumerable.Range(0, 20_000).Where(r => r % 3 != 0).ToArray();

        int[] Epoch(Random random)
        {
            var order = new int[rows.Length];
            store.Shuffle(rows, order, random, reader.WindowRows);
            return order;
        }
        var first = Epoch(new Random(5));
        Assert.Equal(rows, first.Order());
        Assert.Equal(first, Epoch(new Random(5)));
        var random = new Random(5);
        Assert.NotEqual(Epoch(random), Epoch(random));
        // Within a window rows are shuffled, not left in file order.
        Assert.NotEqual(first.Take(512).Order(), first.Take(512));
    }

    [Fact]
    public void The_shuffle_buffer_holds_at_most_half_the_memory_limit()
    {
        var options = Quick.Binary(o => { o.DataStorage = DataStorage.DiskCache; o.MemoryLimit = 1 << 20; });
        using var store = RowStore.Create(100_000, 100, options);
        var reader = store.OpenReader(batchSize: 32);
        Assert.IsType<DiskRowStore>(store);
        Assert.InRange(reader.WindowRows * store.RowBytes, 32 * store.RowBytes, (1 << 20) / 2);
    }

    /// <summary>Reports on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
