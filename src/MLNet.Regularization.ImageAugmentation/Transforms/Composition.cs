using System.Buffers;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>Applies one of its augmentations, chosen uniformly per row, with that augmentation's own probability.</summary>
internal sealed class OneOf(IReadOnlyList<ImageAugmentationEstimator> choices) : IImageAugmentation
{
    public void Check(ImageShape shape, string column)
    {
        foreach (var choice in choices) choice.Augmentation.Check(shape, column);
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        var choice = choices[random.Next(choices.Count)];
        if (random.NextDouble() < choice.Probability) choice.Augmentation.Apply(source, shape, destination, random);
        else source.CopyTo(destination);
    }
}

/// <summary>Applies all of its augmentations in an order shuffled per row, each with its own probability.</summary>
internal sealed class RandomOrder(IReadOnlyList<ImageAugmentationEstimator> steps) : IImageAugmentation
{
    public void Check(ImageShape shape, string column)
    {
        foreach (var step in steps) step.Augmentation.Check(shape, column);
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        int[] order = Enumerable.Range(0, steps.Count).ToArray();
        random.Shuffle(order);
        var buffer = ArrayPool<float>.Shared.Rent(shape.Length);
        try
        {
            var scratch = buffer.AsSpan(0, shape.Length);
            source.CopyTo(destination);
            foreach (int index in order)
            {
                var step = steps[index];
                if (random.NextDouble() >= step.Probability) continue;
                destination.CopyTo(scratch);
                step.Augmentation.Apply(scratch, shape, destination, random);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
