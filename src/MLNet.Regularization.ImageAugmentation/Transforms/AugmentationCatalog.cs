using Microsoft.ML;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>The image augmentation transforms: <c>mlContext.Transforms.Augment().RandomFlip(...)</c> and so on.</summary>
/// <remarks>Each works on a pixel column as <c>ExtractPixels</c> makes it (a vector of Single with dimensions channels,
/// height, width) and is meant for training data only: append it with <c>TransformerScope.Training</c>.</remarks>
public sealed partial class AugmentationCatalog
{
    // The host's catalog: the column copies and resizes an augmentation builds are ML.NET transforms of the host's environment.
    private readonly TransformsCatalog _transforms;

    internal AugmentationCatalog(TransformsCatalog transforms) => _transforms = transforms;

    /// <summary>Mirrors a row's image with probability <paramref name="probability"/>.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="direction">The axis to mirror.</param>
    /// <param name="probability">The probability of a flip.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomFlip(string outputColumnName, string? inputColumnName = null,
        FlipDirection direction = FlipDirection.Horizontal, double probability = 0.5, int seed = 0) =>
        RandomFlip(new RandomFlipOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Direction = direction, Probability = probability, Seed = seed,
        });

    /// <summary>Mirrors a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomFlip(RandomFlipOptions options) => new(new RandomFlip(options), options, _transforms);

    /// <summary>Rotates a row's image by an angle drawn uniformly from [-<paramref name="degrees"/>, <paramref name="degrees"/>].</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="degrees">The largest rotation either way, in degrees.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomRotation(string outputColumnName, float degrees, string? inputColumnName = null, double probability = 1, int seed = 0) =>
        RandomRotation(new RandomRotationOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, MinDegrees = -degrees, MaxDegrees = degrees,
            Probability = probability, Seed = seed,
        });

    /// <summary>Rotates a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomRotation(RandomRotationOptions options) => new(new RandomRotation(options), options, _transforms);

    /// <summary>Adds Gaussian noise of standard deviation <paramref name="stdDev"/> to every pixel value.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="stdDev">The standard deviation of the noise.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator GaussianNoise(string outputColumnName, float stdDev = 0.05f, string? inputColumnName = null, double probability = 1, int seed = 0) =>
        GaussianNoise(new GaussianNoiseOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, StdDev = stdDev, Probability = probability, Seed = seed,
        });

    /// <summary>Adds Gaussian noise, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator GaussianNoise(GaussianNoiseOptions options) => new(new GaussianNoise(options), options, _transforms);

    /// <summary>Jitters brightness, contrast, saturation and hue, in a random order.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="brightness">How much to jitter brightness.</param>
    /// <param name="contrast">How much to jitter contrast.</param>
    /// <param name="saturation">How much to jitter saturation.</param>
    /// <param name="hue">The largest hue shift, in [0, 0.5].</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator ColorJitter(string outputColumnName, float brightness = 0, float contrast = 0, float saturation = 0,
        float hue = 0, string? inputColumnName = null, double probability = 1, int seed = 0) =>
        ColorJitter(new ColorJitterOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName,
            Brightness = brightness, Contrast = contrast, Saturation = saturation, Hue = hue, Probability = probability, Seed = seed,
        });

    /// <summary>Jitters colors, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator ColorJitter(ColorJitterOptions options) => new(new ColorJitter(options), options, _transforms);

    /// <summary>Shifts the image by up to <paramref name="padding"/> pixels each way, keeping its size (pad, then crop at a random offset).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="padding">Pixels of padding on each side.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomCrop(string outputColumnName, int padding = 4, string? inputColumnName = null, double probability = 1, int seed = 0) =>
        RandomCrop(new RandomCropOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Padding = padding, Probability = probability, Seed = seed,
        });

    /// <summary>Crops a <paramref name="height"/> x <paramref name="width"/> window at a random offset of the image padded by
    /// <paramref name="padding"/> (torchvision's <c>RandomCrop(size, padding)</c>). A window of another size than the image's
    /// changes the column's size: see <see cref="RandomCropOptions.Height"/> for the scoring side.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="height">The window's height, at most the padded image's.</param>
    /// <param name="width">The window's width, at most the padded image's.</param>
    /// <param name="padding">Pixels of constant (0) padding on each side.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="seed">The seed of the random draws.</param>
    /// <remarks>It applies to every row (probability 1): each row must come out at the new size.</remarks>
    public ImageAugmentationEstimator RandomCrop(string outputColumnName, int height, int width, int padding = 0, string? inputColumnName = null, int seed = 0) =>
        RandomCrop(new RandomCropOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Height = height, Width = width, Padding = padding, Seed = seed,
        });

    /// <summary>Pads the image and crops a window at a random offset, with every option: by default a shift that keeps the size, or a window of
    /// <see cref="RandomCropOptions.Height"/> x <see cref="RandomCropOptions.Width"/> (torchvision's <c>RandomCrop(size, padding)</c>).</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomCrop(RandomCropOptions options) => new(new RandomCrop(options), options, _transforms);

    /// <summary>Crops a random region (share of the area in [<paramref name="minScale"/>, 1]) and resizes it back to the image size.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="minScale">The smallest share of the image area.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomResizedCrop(string outputColumnName, double minScale = 0.08, string? inputColumnName = null, double probability = 1,
        int seed = 0) =>
        RandomResizedCrop(new RandomResizedCropOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, MinScale = minScale, Probability = probability, Seed = seed,
        });

    /// <summary>Crops a random region (share of the area in [<paramref name="minScale"/>, 1], aspect ratio in [3/4, 4/3]) and resizes it to
    /// <paramref name="height"/> x <paramref name="width"/> (torchvision's <c>RandomResizedCrop(size)</c>). Another size than the image's
    /// changes the column's size: see <see cref="RandomResizedCropOptions.Height"/> for the scoring side.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="height">The height of the result.</param>
    /// <param name="width">The width of the result.</param>
    /// <param name="minScale">The smallest share of the image area.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="seed">The seed of the random draws.</param>
    /// <remarks>It applies to every row (probability 1): each row must come out at the new size.</remarks>
    public ImageAugmentationEstimator RandomResizedCrop(string outputColumnName, int height, int width, double minScale = 0.08, string? inputColumnName = null, int seed = 0) =>
        RandomResizedCrop(new RandomResizedCropOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Height = height, Width = width, MinScale = minScale, Seed = seed,
        });

    /// <summary>Crops a random region and resizes it, with every option: back to the image size by default, or to
    /// <see cref="RandomResizedCropOptions.Height"/> x <see cref="RandomResizedCropOptions.Width"/> (torchvision's <c>RandomResizedCrop(size)</c>).</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomResizedCrop(RandomResizedCropOptions options) => new(new RandomResizedCrop(options), options, _transforms);

    /// <summary>Erases a random rectangle (cutout) with probability <paramref name="probability"/>.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="probability">The probability of an erasure.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomErasing(string outputColumnName, double probability = 0.5, string? inputColumnName = null, int seed = 0) =>
        RandomErasing(new RandomErasingOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Probability = probability, Seed = seed });

    /// <summary>Erases a random rectangle, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomErasing(RandomErasingOptions options) => new(new RandomErasing(options), options, _transforms);

    /// <summary>Applies a random affine transform: a rotation in [-<paramref name="degrees"/>, <paramref name="degrees"/>], a shift of up to
    /// <paramref name="translate"/> of the size each way, a scale in [<paramref name="minScale"/>, <paramref name="maxScale"/>] and an x shear in
    /// [-<paramref name="shear"/>, <paramref name="shear"/>] degrees.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="degrees">The largest rotation either way, in degrees.</param>
    /// <param name="translate">The largest shift, as a share of the width and of the height.</param>
    /// <param name="minScale">The smallest scale.</param>
    /// <param name="maxScale">The largest scale.</param>
    /// <param name="shear">The largest shear parallel to the x axis, in degrees.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomAffine(string outputColumnName, float degrees = 0, float translate = 0, float minScale = 1,
        float maxScale = 1, float shear = 0, string? inputColumnName = null, double probability = 1, int seed = 0) =>
        RandomAffine(new RandomAffineOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Degrees = degrees, TranslateX = translate, TranslateY = translate,
            MinScale = minScale, MaxScale = maxScale, ShearX = shear, Probability = probability, Seed = seed,
        });

    /// <summary>Applies a random affine transform (rotation, translation, scale, shear), with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomAffine(RandomAffineOptions options) => new(new RandomAffine(options), options, _transforms);

    /// <summary>Blurs the image with a Gaussian kernel of <paramref name="kernelSize"/> and a random sigma in [0.1, 2].</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="kernelSize">The kernel size: odd and positive.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator GaussianBlur(string outputColumnName, int kernelSize = 5, string? inputColumnName = null, double probability = 1, int seed = 0) =>
        GaussianBlur(new GaussianBlurOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, KernelSize = kernelSize, Probability = probability, Seed = seed,
        });

    /// <summary>Blurs the image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator GaussianBlur(GaussianBlurOptions options) => new(new GaussianBlur(options), options, _transforms);

    /// <summary>Applies one of <paramref name="choices"/> to <paramref name="outputColumnName"/> (in place), picked uniformly per row, with
    /// that choice's own probability.</summary>
    /// <param name="outputColumnName">The pixel column, augmented in place.</param>
    /// <param name="choices">The augmentations to choose from; their column names and seeds are not used.</param>
    public ImageAugmentationEstimator OneOf(string outputColumnName, params ImageAugmentationEstimator[] choices) =>
        OneOf(new CompositionOptions { OutputColumnName = outputColumnName }, choices);

    /// <summary>Applies all of <paramref name="steps"/> to <paramref name="outputColumnName"/> (in place) in a random order per row, each
    /// with its own probability.</summary>
    /// <param name="outputColumnName">The pixel column, augmented in place.</param>
    /// <param name="steps">The augmentations to apply; their column names and seeds are not used.</param>
    public ImageAugmentationEstimator RandomOrder(string outputColumnName, params ImageAugmentationEstimator[] steps) =>
        RandomOrder(new CompositionOptions { OutputColumnName = outputColumnName }, steps);

    /// <summary>Applies all of <paramref name="steps"/> to <paramref name="outputColumnName"/> (in place) in the given order, each with
    /// its own probability, as one transform: torchvision's <c>Compose</c>. Like appending the steps one after another (which
    /// also run in one pass over each row), except that on an <see cref="Microsoft.ML.Data.MLImage"/> column the pixels stay floats
    /// between the steps, where appended steps round them to the 8-bit values of the image each step writes.</summary>
    /// <param name="outputColumnName">The pixel column, augmented in place.</param>
    /// <param name="steps">The augmentations to apply; their column names and seeds are not used.</param>
    public ImageAugmentationEstimator Compose(string outputColumnName, params ImageAugmentationEstimator[] steps) =>
        Compose(new CompositionOptions { OutputColumnName = outputColumnName }, steps);

    /// <summary>Applies one of <paramref name="choices"/>, picked uniformly per row, with that choice's own probability. The choices'
    /// column names and seeds are not used: <paramref name="options"/> gives them.</summary>
    /// <param name="options">The columns, the probability of applying any choice at all, and the seed.</param>
    /// <param name="choices">The augmentations to choose from.</param>
    public ImageAugmentationEstimator OneOf(ImageAugmentationOptions options, params ImageAugmentationEstimator[] choices) =>
        new(new OneOf(AugmentationStep.Of(Require(choices))), options, _transforms);

    /// <summary>Applies all of <paramref name="steps"/> in a random order per row, each with its own probability. The steps'
    /// column names and seeds are not used: <paramref name="options"/> gives them.</summary>
    /// <param name="options">The columns, the probability of applying the sequence at all, and the seed.</param>
    /// <param name="steps">The augmentations to apply.</param>
    public ImageAugmentationEstimator RandomOrder(ImageAugmentationOptions options, params ImageAugmentationEstimator[] steps) =>
        new(new Sequence(AugmentationStep.Of(Require(steps)), shuffle: true), options, _transforms);

    /// <summary>Applies all of <paramref name="steps"/> in the given order, each with its own probability, in one pass over each row
    /// (see <see cref="Compose(string, ImageAugmentationEstimator[])"/>). The steps' column names and seeds are not used:
    /// <paramref name="options"/> gives them.</summary>
    /// <param name="options">The columns, the probability of applying the sequence at all, and the seed.</param>
    /// <param name="steps">The augmentations to apply.</param>
    public ImageAugmentationEstimator Compose(ImageAugmentationOptions options, params ImageAugmentationEstimator[] steps) =>
        new(new Sequence(AugmentationStep.Of(Require(steps)), shuffle: false), options, _transforms);

    private static ImageAugmentationEstimator[] Require(ImageAugmentationEstimator[] estimators, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(estimators))] string name = "")
    {
        if (estimators is null || estimators.Length == 0 || estimators.Any(e => e is null))
            throw new ArgumentException($"Give at least one augmentation in '{name}', and no null.", name);
        return estimators;
    }
}

/// <summary>Options of a composition (<c>OneOf</c>, <c>RandomOrder</c>, <c>Compose</c>): only the columns,
/// the probability and the seed.</summary>
public sealed class CompositionOptions : ImageAugmentationOptions;

/// <summary>The entry point of the augmentation catalog.</summary>
public static class AugmentationCatalogExtensions
{
    /// <summary>The image augmentation transforms, as <c>mlContext.Transforms.Augment()</c>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    public static AugmentationCatalog Augment(this TransformsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AugmentationCatalog(catalog);
    }
}
