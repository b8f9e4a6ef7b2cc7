using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

/// <summary>Seeded test images of 8-bit levels and one batch-augmentation call over them, for the step tests.</summary>
internal static class BatchImages
{
    /// <summary>An image of <paramref name="shape"/> with 8-bit levels in [20, 200) / 255, drawn from <paramref name="seed"/>.</summary>
    public static float[] Image(ImageShape shape, int seed)
    {
        var random = SeededRandom.Create((ulong)seed);
        return Enumerable.Range(0, shape.Length).Select(_ => random.Next(20, 200) / 255f).ToArray();
    }

    /// <summary>Augments the images of seeds 0 to <paramref name="count"/> - 1 with one batch call and returns them one by one.</summary>
    public static float[][] Batch(ImageShape shape, ImageAugmentationOptions[] steps, int count, int seed, long pass = 0)
    {
        float[] source = Enumerable.Range(0, count).SelectMany(i => Image(shape, i)).ToArray();
        var destination = new float[source.Length];
        new ImageBatchAugmentation(steps, shape).Apply(source, destination, count, seed, pass);
        return destination.Chunk(shape.Length).ToArray();
    }
}
