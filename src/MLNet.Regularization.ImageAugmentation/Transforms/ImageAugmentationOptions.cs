namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options every augmentation transform shares: the columns, the probability and the seed.</summary>
public abstract class ImageAugmentationOptions
{
    /// <summary>The output column: a vector of Single of the same shape as the input.</summary>
    /// <value>The default value is "Features".</value>
    public string OutputColumnName { get; set; } = "Features";

    /// <summary>The input column: a vector of Single with three dimensions, as <c>ExtractPixels</c> makes it
    /// (channels, height, width; or height, width, channels when <see cref="Interleaved"/>). <see langword="null"/> means the output column.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? InputColumnName { get; set; }

    /// <summary>Whether the pixels are interleaved (height, width, channels) rather than planar (channels, height, width).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Interleaved { get; set; }

    /// <summary>The probability that a row is augmented; otherwise it passes unchanged.</summary>
    public double Probability { get; set; } = 1;

    /// <summary>The seed of the random draws. The same seed and data give the same augmented rows pass after pass, whatever the
    /// number of parallel cursors; each new pass over the data draws fresh augmentations.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; }
}
