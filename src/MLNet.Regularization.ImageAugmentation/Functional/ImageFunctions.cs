namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>
/// Pure pixel operations on one image in planar (CHW) <see cref="float"/> layout, following torchvision's
/// functional conventions. Each method reads <c>source</c> (described by <c>shape</c>) and writes
/// <c>destination</c>; none draws random numbers on its own: every random parameter is an argument, so a
/// transform draws its parameters from its own seeded generator and hands them here.
/// </summary>
/// <remarks>
/// <para>Pixel-wise operations (color, noise, erase) may run in place (<c>destination</c> the same span as
/// <c>source</c>); geometric ones (flip, rotate, crop, resize) need a destination that does not overlap the
/// source, except the flips, which also run in place.</para>
/// <para>Arguments are validated once per call, before any pixel is written; a bad argument throws
/// <see cref="ArgumentOutOfRangeException"/> (or <see cref="ArgumentException"/> for span lengths) naming the parameter.</para>
/// <para>The methods allocate nothing on the managed heap for images up to 1024 pixels wide; above that,
/// per-column index tables are rented from <see cref="System.Buffers.ArrayPool{T}"/>.</para>
/// </remarks>
public static partial class ImageFunctions
{
    /// <summary>The weight of red in <see cref="Grayscale"/>: 0.2989, as torchvision's <c>rgb_to_grayscale</c> (ITU-R 601-2 luma).</summary>
    public const float RedWeight = 0.2989f;

    /// <summary>The weight of green in <see cref="Grayscale"/>: 0.587.</summary>
    public const float GreenWeight = 0.587f;

    /// <summary>The weight of blue in <see cref="Grayscale"/>: 0.114.</summary>
    public const float BlueWeight = 0.114f;

    private const int StackLimit = 1024;

    private static void CheckImage(ReadOnlySpan<float> source, ImageShape shape)
    {
        Guard.Shape(shape, nameof(shape));
        Guard.Length(source.Length, shape.Length, shape, nameof(source));
    }
}
