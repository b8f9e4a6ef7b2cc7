using Xunit;

// libtorch's random generator and thread count are process-wide: searches that train in this process must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
