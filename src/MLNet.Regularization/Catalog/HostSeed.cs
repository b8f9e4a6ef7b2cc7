using Microsoft.ML.Runtime;

namespace MLNet.Regularization;

/// <summary>
/// The seed a trainer uses when its options give none: drawn, as ML.NET's own trainers do, from the random source of a host
/// registered with the <c>MLContext</c>'s environment. So it is reproducible when the <c>MLContext</c> has a seed (the same
/// trainers created in the same order draw the same seeds), and differs from run to run when it has none.
/// </summary>
internal static class HostSeed
{
    /// <summary>A seed from <paramref name="environment"/>'s random source, or 0 without an environment.</summary>
    public static int Draw(IHostEnvironment? environment, string name) =>
        // Half the range leaves room for the ensemble members' seeds Seed + 1, Seed + 2, ...
        environment?.Register(name).Rand.Next(int.MaxValue / 2) ?? 0;
}
