using System.Runtime.InteropServices;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

/// <summary>
/// The pixel functions give the same bits on every machine: vector and scalar paths compute the same arithmetic in the same
/// order. Each case's output is pinned by a hash; CI (.ci/run) runs this class again with the hardware intrinsics switched
/// off (DOTNET_EnableHWIntrinsic=0), with AVX2 off and with AVX-512 off, so a path that rounds differently on other
/// hardware fails there.
/// A deliberate change of a function's arithmetic changes its hash: record the new one from the failure message.
/// </summary>
public class BitIdenticalTests
{
    private static readonly ImageShape Shape = new(3, 45, 53);

    public static TheoryData<string, string> Cases => new()
    {
        { "hflip", "C975CA87B52996E8" },
        { "vflip", "E94920E77311FE17" },
        { "rotate_nearest", "AC32193BE3FABFB4" },
        { "rotate_bilinear", "B4988FD3380649C1" },
        { "affine_bilinear", "41038028E9B09489" },
        { "affine_nearest", "17704FEC2D804E61" },
        { "crop_reflect", "BB077A9A26531CB3" },
        { "resized_crop_bilinear", "12DE72C92769EDAA" },
        { "resize_nearest", "04139F31A9E9A3AD" },
        { "brightness", "FDA8D299BAEBF7B9" },
        { "contrast", "BE0D53009D65106F" },
        { "saturation", "3C0B7E6C06A26831" },
        { "hue", "1EA27374EFF5C5F7" },
        { "grayscale", "76D430B8C817CD37" },
        { "blur", "C456AB7834CF86F3" },
        { "noise", "1B48F6624844ADBB" },
        { "erase", "3E7D6E74EADC4DDD" },
        { "invert", "F0ACC099DFBEEB38" },
        { "solarize", "643F30FBB1751177" },
        { "posterize", "F9A44ED553454801" },
        { "posterize_clamped", "B32B69CC723F3F5C" },
        { "equalize", "C2143DCF8FEA0D66" },
        { "autocontrast", "834103FC1A9191FB" },
        { "sharpness", "0A9DEED72FD17E37" },
        { "perspective_bilinear", "5319C7EDBD852B33" },
        { "perspective_nearest", "242F6D8251E45C82" },
        { "elastic_bilinear", "D62695F61AF2E076" },
        { "elastic_nearest", "CBA76CD4888BB21D" },
        { "policy_operations", "C6C8E94AA19D91E1" },
        { "policy_operations_no_fill", "EFD66DDECAE07273" },
        { "randaugment", "DE5F48A27F35B30D" },
        { "trivialaugmentwide", "8E34B7CCA70F7EE3" },
        { "autoaugment", "57BB4DB3003D4234" },
        { "augmix", "F2C88ED519EA3625" },
    };

    /// <summary>Posterize's vector paths (permutes of 8, 16 or 32 values, or arithmetic) against its scalar formula, for every
    /// bit count, on values inside and outside [0, maxValue] and NaN.</summary>
    [Fact]
    public void Posterize_matches_its_scalar_formula_for_every_bit_count()
    {
        var random = SeededRandom.Create(11);
        var source = new float[Shape.Length];
        for (int i = 0; i < source.Length; i++) source[i] = (random.NextSingle() * 1.4f) - 0.2f;
        source[3] = float.NaN;
        source[100] = float.NaN;
        var destination = new float[Shape.Length];
        foreach (float maxValue in new[] { 1f, 0.7f, 255f })
        {
            float[] scaled = source.Select(v => v * maxValue).ToArray();
            for (int bits = 0; bits <= 8; bits++)
            {
                ImageFunctions.Posterize(scaled, Shape, destination, bits, maxValue);
                int mask = -(1 << (8 - bits));
                for (int i = 0; i < scaled.Length; i++)
                {
                    int level = (int)Math.Clamp(scaled[i] * (255.999f / maxValue), 0f, 255f);
                    float expected = ((level & mask) * maxValue) / 255f;
                    Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(destination[i]),
                        $"bits {bits}, maxValue {maxValue}, value {scaled[i]:R}: expected {expected:R}, got {destination[i]:R}.");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_bits_are_pinned(string operation, string expected)
    {
        string actual = Hash(Run(operation));
        Assert.True(actual == expected, $"{operation} hashes to {actual}; pinned: {expected}.");
    }

    private static float[] Run(string operation)
    {
        var source = new float[Shape.Length];
        var random = SeededRandom.Create(1);
        for (int i = 0; i < source.Length; i++) source[i] = random.NextSingle();
        var destination = new float[Shape.Length];
        switch (operation)
        {
            case "hflip": ImageFunctions.HorizontalFlip(source, Shape, destination); break;
            case "vflip": ImageFunctions.VerticalFlip(source, Shape, destination); break;
            case "rotate_nearest": ImageFunctions.Rotate(source, Shape, destination, 33f, Interpolation.Nearest, 0.5f); break;
            case "rotate_bilinear": ImageFunctions.Rotate(source, Shape, destination, -21.5f, Interpolation.Bilinear, 0.25f); break;
            case "affine_bilinear": ImageFunctions.Affine(source, Shape, destination, 12f, 3f, -2f, 1.1f, 7f, -4f, Interpolation.Bilinear, 0.1f); break;
            case "affine_nearest": ImageFunctions.Affine(source, Shape, destination, -8f, -4f, 1f, 0.9f, -3f, 5f, Interpolation.Nearest); break;
            case "crop_reflect": ImageFunctions.Crop(source, Shape, destination, -3, 5, Shape.Height, Shape.Width, PaddingMode.Reflect); break;
            case "resized_crop_bilinear": ImageFunctions.ResizedCrop(source, Shape, destination, 5, 7, 30, 40, Shape.Height, Shape.Width, Interpolation.Bilinear); break;
            case "resize_nearest": ImageFunctions.ResizedCrop(source, Shape, destination, 2, 1, 40, 31, Shape.Height, Shape.Width, Interpolation.Nearest); break;
            case "brightness": ImageFunctions.AdjustBrightness(source, Shape, destination, 1.3f); break;
            case "contrast": ImageFunctions.AdjustContrast(source, Shape, destination, 0.7f); break;
            case "saturation": ImageFunctions.AdjustSaturation(source, Shape, destination, 1.6f); break;
            case "hue": ImageFunctions.AdjustHue(source, Shape, destination, 0.13f); break;
            case "grayscale":
                destination = new float[Shape.PlaneSize];
                ImageFunctions.Grayscale(source, Shape, destination);
                break;
            case "blur": ImageFunctions.GaussianBlur(source, Shape, destination, 5, 3, 1.3f, 0.8f); break;
            case "noise": ImageFunctions.AddGaussianNoise(source, Shape, destination, SeededRandom.Create(2), 0.01f, 0.2f, 0f, 1f); break;
            case "erase": ImageFunctions.Erase(source, Shape, destination, 4, 6, 20, 17, 0.5f); break;
            case "invert": ImageFunctions.Invert(source, Shape, destination); break;
            case "solarize": ImageFunctions.Solarize(source, Shape, destination, 0.4f); break;
            case "posterize": ImageFunctions.Posterize(source, Shape, destination, 3); break;
            case "posterize_clamped": ImageFunctions.Posterize(source, Shape, destination, 5, maxValue: 0.7f); break;
            case "equalize": ImageFunctions.Equalize(source, Shape, destination); break;
            case "autocontrast": ImageFunctions.AutoContrast(source, Shape, destination, 0.8f); break;
            case "sharpness": ImageFunctions.AdjustSharpness(source, Shape, destination, 1.7f); break;
            case "perspective_bilinear": ImageFunctions.Perspective(source, Shape, destination, Corners, PerspectiveEnds, Interpolation.Bilinear, 0.2f); break;
            case "perspective_nearest": ImageFunctions.Perspective(source, Shape, destination, Corners, PerspectiveEnds, Interpolation.Nearest, 0.2f); break;
            case "elastic_bilinear": ImageFunctions.ElasticTransform(source, Shape, destination, Displacement(), Interpolation.Bilinear, 0.3f); break;
            case "elastic_nearest": ImageFunctions.ElasticTransform(source, Shape, destination, Displacement(), Interpolation.Nearest, 0.3f); break;
            case "policy_operations": return PolicyOperations(source, 0.25f);
            case "policy_operations_no_fill": return PolicyOperations(source, null);
            case "randaugment": return Policy(source, new RandAugmentOptions { NumOps = 3, Magnitude = 17 });
            case "trivialaugmentwide": return Policy(source, new TrivialAugmentWideOptions());
            case "autoaugment": return Policy(source, new AutoAugmentOptions { Policy = AutoAugmentPolicy.Svhn }, new AutoAugmentOptions());
            case "augmix": return Policy(source, new AugMixOptions { Alpha = 0.5 });
            default: throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }

        return destination;
    }

    /// <summary>Every policy operation with a magnitude that changes the image, nearest and bilinear, one after another; a fill,
    /// or none (torchvision's <c>fill=None</c>).</summary>
    private static float[] PolicyOperations(float[] source, float? fill)
    {
        var results = new List<float>();
        var destination = new float[Shape.Length];
        foreach (PolicyOperation operation in Enum.GetValues<PolicyOperation>())
        {
            float magnitude = operation switch
            {
                PolicyOperation.ShearX or PolicyOperation.ShearY => -0.21f,
                PolicyOperation.TranslateX or PolicyOperation.TranslateY => 7.6f,
                PolicyOperation.Rotate => 17.5f,
                PolicyOperation.Posterize => 3f,
                PolicyOperation.Solarize => 140f,
                _ => 0.45f,
            };
            foreach (var interpolation in new[] { Interpolation.Nearest, Interpolation.Bilinear })
            {
                ImageFunctions.ApplyPolicyOperation(source, Shape, destination, operation, magnitude, interpolation, fill);
                results.AddRange(destination);
            }
        }

        return results.ToArray();
    }

    /// <summary>Twelve images (the source, scaled and shifted) through a policy as batch augmentation.</summary>
    private static float[] Policy(float[] source, params ImageAugmentationOptions[] steps)
    {
        float[] images = Enumerable.Range(0, 12).SelectMany(k => source.Select(v => Math.Clamp((v * (0.6f + (0.05f * k))) + (0.02f * k), 0f, 1f))).ToArray();
        var destination = new float[images.Length];
        new ImageBatchAugmentation(steps, Shape).Apply(images, destination, 12, seed: 21, pass: 3);
        return destination;
    }

    private static readonly System.Drawing.PointF[] Corners = [new(0, 0), new(52, 0), new(52, 44), new(0, 44)];

    /// <summary>Whole-pixel end points, as RandomPerspective draws them: some output pixels sample exactly halfway between two pixels.</summary>
    private static readonly System.Drawing.PointF[] PerspectiveEnds = [new(3, 2), new(50, 4), new(49, 41), new(2, 43)];

    /// <summary>A displacement field of up to 0.1 grid units (about 2.6 pixels) either way, from a fixed seed.</summary>
    private static float[] Displacement()
    {
        var random = SeededRandom.Create(3);
        var field = new float[2 * Shape.PlaneSize];
        for (int i = 0; i < field.Length; i++) field[i] = (random.NextSingle() - 0.5f) * 0.2f;
        return field;
    }

    private static string Hash(float[] values) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())))[..16];
}
