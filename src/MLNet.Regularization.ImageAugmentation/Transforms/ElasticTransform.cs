using System.Buffers;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of the elastic transform (torchvision's ElasticTransform): every pixel moves by a random displacement field, uniform
/// noise in [-1, 1) smoothed by a Gaussian of <see cref="Sigma"/> and scaled by <see cref="Alpha"/>, as torchvision's
/// <c>ElasticTransform.get_params</c> draws it (see <see cref="ImageFunctions.ElasticTransform"/>).
/// </summary>
/// <remarks>As in torchvision, the horizontal field is scaled by <c>Alpha / Height</c> and the vertical one by
/// <c>Alpha / Width</c> in normalized grid units (the same on square images), and the Gaussian has
/// <c>int(8 Sigma + 1)</c> taps (made odd) with reflected borders; the blur's cost grows with <see cref="Sigma"/>.</remarks>
public sealed class ElasticTransformOptions : ImageAugmentationOptions
{
    /// <summary>The strength of the displacement, finite and not negative: the largest raw displacement of a pixel is about
    /// <c>Alpha / 2</c> pixels before the smoothing, which shrinks it.</summary>
    /// <value>The default value is 50, as in torchvision.</value>
    public float Alpha { get; set; } = 50;

    /// <summary>The smoothness of the displacement, the standard deviation of the Gaussian in pixels, in [0, 10000]; 0 leaves
    /// the noise unsmoothed.</summary>
    /// <value>The default value is 5, as in torchvision.</value>
    public float Sigma { get; set; } = 5;

    /// <summary>How pixels are sampled.</summary>
    /// <value>The default value is <see cref="Interpolation.Bilinear"/>, as in torchvision.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>The value of pixels that come from outside the image.</summary>
    /// <value>The default value is 0.</value>
    public float Fill { get; set; }
}

internal sealed class ElasticTransform : IImageAugmentation
{
    private readonly ElasticTransformOptions _o;
    private readonly int _kernelSize;

    public ElasticTransform(ElasticTransformOptions options)
    {
        OptionChecks.Require(float.IsFinite(options.Alpha) && options.Alpha >= 0, "Alpha", options.Alpha, "must be finite and not negative");
        OptionChecks.Require(options.Sigma is >= 0 and <= 10_000, "Sigma", options.Sigma, "must be in [0, 10000]");
        OptionChecks.Interpolation(options.Interpolation);
        OptionChecks.Fill(options.Fill);
        _o = options;
        _kernelSize = (int)((8 * (double)options.Sigma) + 1);
        if (_kernelSize % 2 == 0) _kernelSize++;
    }

    /// <summary>torchvision's <c>ElasticTransform.get_params</c> (the horizontal field drawn first), then the transform.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        int plane = shape.PlaneSize;
        var fieldShape = new ImageShape(2, shape.Height, shape.Width);
        float[] noise = ArrayPool<float>.Shared.Rent(2 * plane);
        float[] field = ArrayPool<float>.Shared.Rent(2 * plane);
        try
        {
            Span<float> raw = noise.AsSpan(0, 2 * plane);
            for (int i = 0; i < raw.Length; i++) raw[i] = (random.NextSingle() * 2f) - 1f;
            Span<float> smooth = field.AsSpan(0, 2 * plane);
            if (_o.Sigma > 0) ImageFunctions.GaussianBlur(raw, fieldShape, smooth, _kernelSize, _kernelSize, _o.Sigma, _o.Sigma);
            else raw.CopyTo(smooth);

            // Planar (dx plane, dy plane) to torchvision's H x W x 2, scaled as get_params does.
            float alpha = _o.Alpha, height = shape.Height, width = shape.Width;
            for (int p = 0; p < plane; p++)
            {
                raw[2 * p] = smooth[p] * alpha / height;
                raw[(2 * p) + 1] = smooth[plane + p] * alpha / width;
            }

            ImageFunctions.ElasticTransform(source, shape, destination, raw, _o.Interpolation, _o.Fill);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(noise);
            ArrayPool<float>.Shared.Return(field);
        }
    }
}
