namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>
/// The shape of one image stored as a flat span of <see cref="float"/> pixels in channels-first planar layout
/// (CHW): all of channel 0 row by row, then all of channel 1, and so on. This is the layout ML.NET's
/// <c>ExtractPixels</c> produces by default (<c>interleavePixelColors: false</c>).
/// </summary>
/// <remarks>
/// The value at channel <c>c</c>, row <c>y</c>, column <c>x</c> is at index
/// <c>(c * Height + y) * Width + x</c> (see <see cref="IndexOf"/>). Use <see cref="ImageLayout"/> to convert
/// from and to interleaved (HWC) pixels.
/// </remarks>
public readonly record struct ImageShape
{
    /// <summary>Creates a shape, validating that every dimension is at least 1.</summary>
    /// <param name="channels">The number of channels (1 for gray, 3 for RGB).</param>
    /// <param name="height">The number of rows.</param>
    /// <param name="width">The number of columns.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or the pixel count overflows <see cref="int"/>.</exception>
    public ImageShape(int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if ((long)channels * height * width > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width),
                $"An image of {channels} x {height} x {width} values is larger than the largest array ({Array.MaxLength} values).");
        }

        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Gets the number of channels.</summary>
    public int Channels { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Height { get; }

    /// <summary>Gets the number of columns.</summary>
    public int Width { get; }

    /// <summary>Gets the number of pixels in one channel plane (<c>Height * Width</c>).</summary>
    public int PlaneSize => Height * Width;

    /// <summary>Gets the number of values of the whole image (<c>Channels * Height * Width</c>).</summary>
    public int Length => Channels * Height * Width;

    /// <summary>Gets the planar (CHW) index of channel <paramref name="channel"/>, row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    /// <param name="channel">The channel, from 0.</param>
    /// <param name="y">The row, from 0 (top).</param>
    /// <param name="x">The column, from 0 (left).</param>
    /// <returns><c>(channel * Height + y) * Width + x</c>, not range-checked.</returns>
    public int IndexOf(int channel, int y, int x) => ((channel * Height) + y) * Width + x;

    /// <summary>Returns the same shape with another height and width.</summary>
    /// <param name="height">The new number of rows.</param>
    /// <param name="width">The new number of columns.</param>
    /// <returns>A shape with <see cref="Channels"/> channels and the given size.</returns>
    public ImageShape WithSize(int height, int width) => new(Channels, height, width);

    /// <inheritdoc/>
    public override string ToString() => $"{Channels}x{Height}x{Width} (CHW)";
}
