using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

public class MLImageTests
{
    private const int H = 6, W = 9;
    private readonly MLContext _ml = new(seed: 1);

    private sealed class ImageRow
    {
        [ImageType(H, W)] public MLImage Image { get; set; } = null!;
    }

    private sealed class AugmentedRow
    {
        [ImageType(H, W)] public MLImage Augmented { get; set; } = null!;
    }

    private static byte[] Bgra(int seed) =>
        Enumerable.Range(0, H * W).SelectMany(i => new[] { (byte)(i * 3 + seed), (byte)(i * 5 + 2 * seed), (byte)(i * 7 + 3 * seed), (byte)255 }).ToArray();

    private IDataView Images(int count) =>
        _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new ImageRow { Image = MLImage.CreateFromPixels(W, H, MLPixelFormat.Bgra32, Bgra(i)) }));

    [Fact]
    public void An_MLImage_column_is_augmented_into_an_MLImage_column_with_the_exact_pixels()
    {
        var data = Images(4);
        var output = _ml.Data.CreateEnumerable<AugmentedRow>(
            _ml.Transforms.Augment().RandomFlip("Augmented", "Image", probability: 1).Fit(data).Transform(data), reuseRowObject: false).ToArray();

        Assert.Equal(4, output.Length);
        for (int i = 0; i < output.Length; i++)
        {
            var source = Bgra(i);
            var flipped = output[i].Augmented.Pixels.ToArray();
            Assert.Equal(W, output[i].Augmented.Width);
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                    for (int b = 0; b < 4; b++)
                        Assert.Equal(source[4 * (y * W + (W - 1 - x)) + b], flipped[4 * (y * W + x) + b]);
        }
    }

    [Fact]
    public void Augmented_images_feed_ExtractPixels_in_a_training_only_step()
    {
        var data = Images(6);
        var pipeline = _ml.Transforms.Augment().RandomRotation("Image", degrees: 20, seed: 2)
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Image"));
        var pixels = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Pixels").ToArray();

        Assert.Equal(6, pixels.Length);
        Assert.All(pixels, p => Assert.Equal(3 * H * W, p.Length));
    }

    [Fact]
    public void An_Rgba_image_comes_back_as_Bgra_with_its_colors_and_opaque_alpha()
    {
        // 54 pixels: six steps of eight pixels and a scalar tail of six; translucent input, opaque output.
        var rgba = Enumerable.Range(0, H * W).SelectMany(i => new[] { (byte)(i * 3), (byte)(i * 5 + 1), (byte)(i * 7 + 2), (byte)(i % 200) }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(new[] { new ImageRow { Image = MLImage.CreateFromPixels(W, H, MLPixelFormat.Rgba32, rgba) } });
        var output = _ml.Data.CreateEnumerable<AugmentedRow>(
            _ml.Transforms.Augment().RandomFlip("Augmented", "Image", probability: 0).Fit(data).Transform(data), reuseRowObject: false).Single();

        var bgra = output.Augmented.Pixels.ToArray();
        Assert.Equal(MLPixelFormat.Bgra32, output.Augmented.PixelFormat);
        for (int i = 0; i < H * W; i++)
        {
            Assert.Equal(new[] { rgba[4 * i + 2], rgba[4 * i + 1], rgba[4 * i], (byte)255 }, bgra[(4 * i)..(4 * i + 4)]);
        }
    }
}
