using System.Buffers;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>One drawn operation of a policy: the operation and its signed magnitude.</summary>
internal readonly record struct PolicyStep(PolicyOperation Operation, float Magnitude);

/// <summary>The sampling settings every policy passes to its operations.</summary>
internal readonly record struct PolicySampling(Interpolation Interpolation, float? Fill, float MaxValue);

/// <summary>Applies drawn policy operations one after another, passing the image between the destination and one scratch
/// buffer so that the last operation writes the destination; Identity steps cost nothing.</summary>
internal static class PolicyChain
{
    public static void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<PolicyStep> steps, PolicySampling sampling)
    {
        int count = 0;
        foreach (var step in steps)
        {
            if (step.Operation != PolicyOperation.Identity) count++;
        }

        if (count == 0)
        {
            source.CopyTo(destination);
            return;
        }

        float[]? rented = count > 1 ? ArrayPool<float>.Shared.Rent(shape.Length) : null;
        try
        {
            Span<float> scratch = rented is null ? default : rented.AsSpan(0, shape.Length);
            ReadOnlySpan<float> current = source;
            int remaining = count;
            foreach (var step in steps)
            {
                if (step.Operation == PolicyOperation.Identity) continue;
                remaining--;
                Span<float> target = remaining % 2 == 0 ? destination : scratch;
                ImageFunctions.ApplyPolicyOperation(current, shape, target, step.Operation, step.Magnitude, sampling.Interpolation, sampling.Fill, sampling.MaxValue);
                current = target;
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Throws naming the column when the space has Color or Contrast, which need 1 or 3 channels, and the image has others.</summary>
    public static void CheckChannels(IEnumerable<PolicyOperationSpace> space, ImageShape shape, string column, string policy)
    {
        if (shape.Channels is 1 or 3) return;
        var needy = space.Select(s => s.Operation).Where(o => o is PolicyOperation.Color or PolicyOperation.Contrast).Distinct().ToArray();
        if (needy.Length > 0)
            throw new ArgumentOutOfRangeException(nameof(shape),
                $"Column '{column}' has {shape.Channels} channels; {policy}'s {string.Join(" and ", needy)} operations need 1 (gray) or 3 (RGB).");
    }
}
