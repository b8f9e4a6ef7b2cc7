namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>Argument checks shared by the pixel functions; every message names the parameter and the allowed range.</summary>
internal static class Guard
{
    public static void Length(int actual, int expected, ImageShape shape, string paramName)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"The span has {actual} values, but an image of shape {shape} needs exactly {expected}.", paramName);
        }
    }

    public static void Shape(ImageShape shape, string paramName)
    {
        if (shape.Channels < 1)
        {
            throw new ArgumentException("The shape is default(ImageShape); create it with new ImageShape(channels, height, width).", paramName);
        }
    }

    /// <summary>Geometric operations read pixels other than the one they write: source and destination must not share memory.</summary>
    public static void NoOverlap(ReadOnlySpan<float> source, Span<float> destination, string paramName)
    {
        if (source.Overlaps(destination))
        {
            throw new ArgumentException("The destination must not overlap the source for this operation.", paramName);
        }
    }

    /// <summary>Pixel-wise operations may run in place (the same span) but not on partly overlapping spans.</summary>
    public static void SameOrNoOverlap(ReadOnlySpan<float> source, Span<float> destination, string paramName)
    {
        if (source.Overlaps(destination, out int offset) && (offset != 0 || source.Length != destination.Length))
        {
            throw new ArgumentException("The destination must be the source itself (in place) or not overlap it.", paramName);
        }
    }

    public static void Finite(float value, string paramName)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number.");
        }
    }

    public static void NonNegativeFinite(float value, string paramName)
    {
        if (!float.IsFinite(value) || value < 0f)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number >= 0.");
        }
    }

    public static void PositiveFinite(float value, string paramName)
    {
        if (!float.IsFinite(value) || value <= 0f)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number > 0.");
        }
    }

    public static void Positive(int value, string paramName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least 1.");
        }
    }

    /// <summary>Checks that the box [top, top + height) x [left, left + width) lies inside the image.</summary>
    public static void BoxInside(ImageShape shape, int top, int left, int height, int width)
    {
        Positive(height, nameof(height));
        Positive(width, nameof(width));
        if (top < 0 || top > shape.Height - height)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top,
                $"The box rows [top, top + height) = [{top}, {(long)top + height}) must lie inside the {shape.Height} rows of the image: top must be in [0, {shape.Height - height}]{(height > shape.Height ? $", and height ({height}) is larger than the image height ({shape.Height})" : string.Empty)}.");
        }

        if (left < 0 || left > shape.Width - width)
        {
            throw new ArgumentOutOfRangeException(nameof(left), left,
                $"The box columns [left, left + width) = [{left}, {(long)left + width}) must lie inside the {shape.Width} columns of the image: left must be in [0, {shape.Width - width}]{(width > shape.Width ? $", and width ({width}) is larger than the image width ({shape.Width})" : string.Empty)}.");
        }
    }

    public static void Enum<T>(T value, string paramName)
        where T : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        }
    }
}
