using Xunit;

// libtorch's random generator and thread count are process-wide, and Microsoft.ML.TorchSharp's trainers use them too:
// tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
