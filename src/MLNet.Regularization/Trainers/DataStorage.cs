namespace MLNet.Regularization;

/// <summary>Where a trainer keeps the feature rows it trains on (<see cref="RegularizedTrainerOptions.DataStorage"/>).</summary>
public enum DataStorage
{
    /// <summary>In memory when the features fit in <see cref="RegularizedTrainerOptions.MemoryLimit"/>, in a disk cache otherwise.</summary>
    Auto,
    /// <summary>In memory: one copy of the features, read once and standardized in place.</summary>
    Memory,
    /// <summary>In a temporary disk cache, streamed through a shuffle buffer every epoch, for data larger than memory.</summary>
    DiskCache,
}
