using System.Buffers;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>One step of a composition: an augmentation and the probability that it applies to an image.</summary>
internal sealed record AugmentationStep(IImageAugmentation Augmentation, double Probability)
{
    public static AugmentationStep[] Of(IEnumerable<ImageAugmentationEstimator> estimators) =>
        estimators.Select(e => new AugmentationStep(e.Augmentation, e.Probability)).ToArray();
}

internal static class Composition
{
    /// <summary>Checks every step; a composition's steps keep the image size, so that every row comes out at the same size.</summary>
    public static void Check(IReadOnlyList<AugmentationStep> steps, ImageShape shape, string column)
    {
        foreach (var step in steps)
        {
            if (step.Augmentation.FixedSize is not null)
                throw new ArgumentOutOfRangeException(nameof(steps),
                    $"A step in the composition on column '{column}' sets Height and Width: steps of OneOf, RandomOrder and Compose keep the image size. " +
                    "Append a resizing crop as a step of its own.");
            step.Augmentation.Check(shape, column);
        }
    }
}

/// <summary>Applies one of its augmentations, chosen uniformly per row, with that augmentation's own probability.</summary>
internal sealed class OneOf(IReadOnlyList<AugmentationStep> choices) : IImageAugmentation
{
    public void Check(ImageShape shape, string column) => Composition.Check(choices, shape, column);

    public bool KeepsEightBitValues => choices.All(c => c.Augmentation.KeepsEightBitValues);

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        var choice = choices[random.Next(choices.Count)];
        if (random.NextDouble() < choice.Probability) choice.Augmentation.Apply(source, shape, destination, random);
        else source.CopyTo(destination);
    }
}

/// <summary>
/// Applies all of its augmentations in one pass, each with its own probability: in the given order (<c>Compose</c>) or
/// in an order shuffled per row (<c>RandomOrder</c>). The steps pass the image between two buffers, with no copy per step.
/// </summary>
internal sealed class Sequence(IReadOnlyList<AugmentationStep> steps, bool shuffle) : IImageAugmentation
{
    public bool KeepsEightBitValues => steps.All(s => s.Augmentation.KeepsEightBitValues);

    public void Check(ImageShape shape, string column) => Composition.Check(steps, shape, column);

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        Apply(source, shape, destination, random, strength: 1);

    /// <summary>Applies the steps, each with its probability times <paramref name="strength"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random, double strength)
    {
        int[]? order = null;
        if (shuffle)
        {
            order = Enumerable.Range(0, steps.Count).ToArray();
            random.Shuffle(order);
        }

        var buffer = ArrayPool<float>.Shared.Rent(shape.Length);
        try
        {
            Span<float> scratch = buffer.AsSpan(0, shape.Length);
            ReadOnlySpan<float> current = source;
            bool inDestination = false;
            for (int k = 0; k < steps.Count; k++)
            {
                var step = steps[order?[k] ?? k];
                if (random.NextDouble() >= step.Probability * strength) continue;
                Span<float> target = inDestination ? scratch : destination;
                step.Augmentation.Apply(current, shape, target, random);
                current = target;
                inDestination = !inDestination;
            }

            if (!inDestination) current.CopyTo(destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
