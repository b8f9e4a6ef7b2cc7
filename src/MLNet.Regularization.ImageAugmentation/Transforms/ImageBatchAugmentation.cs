using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Applies augmentation steps to a batch of planar (CHW) images at once, the images spread over the cores: what a trainer
/// does to every training batch. The steps are the options of <c>mlContext.Transforms.Augment()</c>, applied in order, each
/// with its own <see cref="ImageAugmentationOptions.Probability"/> (as <c>Compose</c> does); their column names, layout and
/// seeds are not used.
/// </summary>
/// <remarks>Image <c>i</c> of a call draws from a generator seeded by the seed, the pass and <c>i</c> alone, so the result does
/// not depend on how the images are spread over threads: the same seed and pass give the same batch, bit for bit.</remarks>
public sealed class ImageBatchAugmentation
{
    private readonly Sequence _sequence;

    /// <summary>Checks the steps against the image shape and prepares them.</summary>
    /// <param name="steps">The augmentations, applied in order.</param>
    /// <param name="shape">The shape of every image of the batches.</param>
    /// <exception cref="ArgumentException">A step is null, is a composition (give its steps directly), changes the image size
    /// (a crop to another size: the batch must keep its shape), or cannot run on <paramref name="shape"/>.</exception>
    public ImageBatchAugmentation(IReadOnlyList<ImageAugmentationOptions> steps, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var prepared = new List<AugmentationStep>();
        for (int i = 0; i < steps.Count; i++)
        {
            var options = steps[i] ?? throw new ArgumentException($"Augmentation step {i} is null.", nameof(steps));
            string name = $"augmentation step {i} ({options.GetType().Name})";
            if (!(options.Probability >= 0 && options.Probability <= 1))
                throw new ArgumentOutOfRangeException(nameof(steps), options.Probability, $"The Probability of {name} must be in [0, 1]; got {options.Probability}.");
            var augmentation = Create(options, name);
            if (augmentation.FixedSize is not null || augmentation.OutputShape(shape, name) != shape)
                throw new ArgumentException(
                    $"The {name} changes the image size; augmentation of training batches must keep the size ({shape}). " +
                    "Crop with padding instead (RandomCropOptions.Padding), or resize the images before training.", nameof(steps));
            augmentation.Check(shape, name);
            prepared.Add(new AugmentationStep(augmentation, options.Probability));
        }
        Shape = shape;
        _sequence = new Sequence(prepared, shuffle: false);
    }

    /// <summary>The shape of the images.</summary>
    public ImageShape Shape { get; }

    /// <summary>Augments <paramref name="count"/> images of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The images, one after another, <see cref="ImageShape.Length"/> values each.</param>
    /// <param name="destination">Where the augmented images go; the same length as <paramref name="source"/>, not overlapping it.</param>
    /// <param name="count">The number of images.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="pass">A number that differs for every batch that must draw afresh (for example the epoch and batch number).</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 for one per core. The result does not depend on it.</param>
    /// <param name="strength">The augmentation strength, in [0, 1]: each step applies with its <see cref="ImageAugmentationOptions.Probability"/>
    /// times this (StyleGAN2-ADA's augmentation probability); 0 leaves the images as they are, 1 applies the steps as given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="strength"/> is outside [0, 1].</exception>
    public void Apply(float[] source, float[] destination, int count, int seed, long pass, int maxDegreeOfParallelism = -1, double strength = 1)
    {
        if (!(strength >= 0 && strength <= 1))
            throw new ArgumentOutOfRangeException(nameof(strength), strength, $"The augmentation strength must be in [0, 1]; got {strength}.");
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        int length = Shape.Length;
        if ((long)count * length > source.Length || (long)count * length > destination.Length)
            throw new ArgumentException($"{count} images of {Shape} need {(long)count * length} values; the arrays hold {source.Length} and {destination.Length}.");
        if (ReferenceEquals(source, destination))
            throw new ArgumentException("The source and destination must be different arrays.", nameof(destination));
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism };
        Parallel.For(0, count, options, i =>
        {
            var random = RowRandom.Create(seed, pass, (ulong)i, 0);
            _sequence.Apply(source.AsSpan(i * length, length), Shape, destination.AsSpan(i * length, length), random, strength);
        });
    }

    /// <summary>The augmentation that a step's options describe.</summary>
    private static IImageAugmentation Create(ImageAugmentationOptions options, string name) => options switch
    {
        RandomFlipOptions o => new RandomFlip(o),
        RandomRotationOptions o => new RandomRotation(o),
        GaussianNoiseOptions o => new GaussianNoise(o),
        ColorJitterOptions o => new ColorJitter(o),
        RandomCropOptions o => new RandomCrop(o),
        RandomResizedCropOptions o => new RandomResizedCrop(o),
        RandomErasingOptions o => new RandomErasing(o),
        RandomAffineOptions o => new RandomAffine(o),
        GaussianBlurOptions o => new GaussianBlur(o),
        RandomPosterizeOptions o => new RandomPosterize(o),
        RandomSolarizeOptions o => new RandomSolarize(o),
        RandomEqualizeOptions o => new RandomEqualize(o),
        RandomAutoContrastOptions o => new RandomAutoContrast(o),
        RandomAdjustSharpnessOptions o => new RandomAdjustSharpness(o),
        RandomInvertOptions o => new RandomInvert(o),
        RandomGrayscaleOptions => new RandomGrayscale(),
        RandomPerspectiveOptions o => new RandomPerspective(o),
        ElasticTransformOptions o => new ElasticTransform(o),
        RandAugmentOptions o => new RandAugment(o),
        TrivialAugmentWideOptions o => new TrivialAugmentWide(o),
        AutoAugmentOptions o => new AutoAugment(o),
        AugMixOptions o => new AugMix(o),
        _ => throw new ArgumentException(
            $"The {name} is not one batch augmentation can apply: give the steps of a composition directly (they apply in order, each with its own Probability).", nameof(options)),
    };
}
