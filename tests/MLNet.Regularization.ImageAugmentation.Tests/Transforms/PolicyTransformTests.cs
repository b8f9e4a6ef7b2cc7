using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

/// <summary>
/// The policy steps RandAugment, TrivialAugmentWide, AutoAugment and AugMix: the identity at magnitude 0, uniform draws,
/// seeds, probability, AugMix's convex mixture, batch augmentation, pipelines and option checks.
/// </summary>
public class PolicyTransformTests
{
    private const int C = 3, H = 24, W = 20;
    private static readonly ImageShape Shape = new(C, H, W);
    private readonly MLContext _ml = new(seed: 1);

    private sealed class ImageRow
    {
        [VectorType(C, H, W)] public float[] Pixels { get; set; } = [];
    }

    private static readonly string[] Names = ["randaugment", "trivialaugmentwide", "autoaugment_imagenet", "autoaugment_cifar10", "autoaugment_svhn", "augmix"];

    public static TheoryData<string> PolicyNames => new(Names);

    private static ImageAugmentationOptions Policy(string name, double probability = 1, int seed = 0) => name switch
    {
        "randaugment" => new RandAugmentOptions { Probability = probability, Seed = seed },
        "trivialaugmentwide" => new TrivialAugmentWideOptions { Probability = probability, Seed = seed },
        "autoaugment_imagenet" => new AutoAugmentOptions { Policy = AutoAugmentPolicy.ImageNet, Probability = probability, Seed = seed },
        "autoaugment_cifar10" => new AutoAugmentOptions { Policy = AutoAugmentPolicy.Cifar10, Probability = probability, Seed = seed },
        "autoaugment_svhn" => new AutoAugmentOptions { Policy = AutoAugmentPolicy.Svhn, Probability = probability, Seed = seed },
        "augmix" => new AugMixOptions { Probability = probability, Seed = seed },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private ImageAugmentationEstimator Estimator(ImageAugmentationOptions options)
    {
        var augment = _ml.Transforms.Augment();
        return options switch
        {
            RandAugmentOptions o => augment.RandAugment(o),
            TrivialAugmentWideOptions o => augment.TrivialAugmentWide(o),
            AutoAugmentOptions o => augment.AutoAugment(o),
            AugMixOptions o => augment.AugMix(o),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
    }

    private static float[] Image(int seed) => BatchImages.Image(Shape, seed);

    private static float[][] Batch(ImageAugmentationOptions[] steps, int count, int seed, long pass = 0) =>
        BatchImages.Batch(Shape, steps, count, seed, pass);

    [Fact]
    public void At_magnitude_0_the_geometric_color_and_posterize_operations_leave_the_image_and_solarize_inverts_only_level_255()
    {
        float[] image = Image(1);
        image[5] = 1f;   // one pixel at level 255
        var policy = new RandAugment(new RandAugmentOptions { Magnitude = 0 });
        var space = policy.SpaceFor(Shape);
        var result = new float[Shape.Length];
        for (int index = 0; index < space.Length; index++)
        {
            foreach (bool negative in new[] { false, true })
            {
                policy.ApplyOperation(index, negative, image, Shape, result);
                switch (space[index].Operation)
                {
                    case PolicyOperation.AutoContrast or PolicyOperation.Equalize:
                        Assert.NotEqual(image, result);
                        break;
                    case PolicyOperation.Solarize:
                        Assert.Equal(image.Select(v => v >= 1f ? 0f : v), result);
                        break;
                    default:
                        Assert.True(image.SequenceEqual(result), $"{space[index].Operation} at magnitude 0 changed the image.");
                        break;
                }
            }
        }
    }

    [Fact]
    public void RandAugment_draws_its_14_operations_uniformly_and_signs_evenly()
    {
        var policy = new RandAugment(new RandAugmentOptions());
        var space = policy.SpaceFor(Shape);
        var counts = new int[Enum.GetValues<PolicyOperation>().Length];
        int signed = 0, negative = 0;
        Span<PolicyStep> steps = stackalloc PolicyStep[2];
        for (int seed = 0; seed < 7000; seed++)
        {
            policy.Draw(space, SeededRandom.Create((ulong)seed), steps);
            foreach (var step in steps)
            {
                counts[(int)step.Operation]++;
                if (step.Operation is >= PolicyOperation.ShearX and <= PolicyOperation.Sharpness)
                {
                    signed++;
                    if (step.Magnitude < 0) negative++;
                }
            }
        }

        Assert.Equal(0, counts[(int)PolicyOperation.Invert]);
        AssertUniform(counts[..^1]);
        AssertHalf(negative, signed);
    }

    [Fact]
    public void TrivialAugmentWide_draws_operations_and_bins_uniformly()
    {
        var policy = new TrivialAugmentWide(new TrivialAugmentWideOptions());
        var operations = new int[14];
        var bins = new int[31];
        for (int seed = 0; seed < 14000; seed++)
        {
            var (_, index, bin) = policy.Draw(SeededRandom.Create((ulong)seed));
            operations[index]++;
            if (policy.Space[index].Magnitudes.Length > 0) bins[bin]++;
        }

        AssertUniform(operations);
        AssertUniform(bins);
    }

    [Theory]
    [InlineData(AutoAugmentPolicy.ImageNet)]
    [InlineData(AutoAugmentPolicy.Cifar10)]
    [InlineData(AutoAugmentPolicy.Svhn)]
    public void AutoAugment_draws_its_25_sub_policies_uniformly_and_applies_each_operation_with_its_probability(AutoAugmentPolicy policyName)
    {
        var policy = new AutoAugment(new AutoAugmentOptions { Policy = policyName });
        var space = policy.SpaceFor(Shape);
        var counts = new int[25];
        Span<PolicyStep> steps = stackalloc PolicyStep[2];
        double expectedOperations = 0;
        int operations = 0;
        var table = AutoAugmentPolicies.Of(policyName);
        for (int seed = 0; seed < 10000; seed++)
        {
            operations += policy.Draw(space, SeededRandom.Create((ulong)seed), steps, out int index);
            counts[index]++;
            expectedOperations += table[index][0].Probability + table[index][1].Probability;
        }

        AssertUniform(counts);
        // The number applied is a sum of 20,000 Bernoulli draws: within 5 standard deviations (at most 0.5 each) of its mean.
        Assert.InRange(operations, expectedOperations - (5 * Math.Sqrt(20000 * 0.25)), expectedOperations + (5 * Math.Sqrt(20000 * 0.25)));
    }

    [Fact]
    public void AugMix_draws_operations_uniformly_and_bins_from_the_first_severity()
    {
        var policy = new AugMix(new AugMixOptions { Severity = 4 });
        var space = policy.SpaceFor(Shape);
        var operations = new int[space.Length];
        var bins = new int[10];
        for (int seed = 0; seed < 13000; seed++)
        {
            policy.DrawOperation(space, SeededRandom.Create((ulong)seed), out int index, out int bin);
            operations[index]++;
            if (space[index].Magnitudes.Length > 0) bins[bin]++;
        }

        Assert.Equal(13, space.Length);
        AssertUniform(operations);
        Assert.All(bins[4..], count => Assert.Equal(0, count));
        AssertUniform(bins[..4]);
    }

    [Fact]
    public void AugMix_is_a_convex_mixture_of_the_image_and_its_chains()
    {
        var policy = new AugMix(new AugMixOptions { MixtureWidth = 4, Alpha = 0.7 });
        for (int seed = 0; seed < 20; seed++)
        {
            float[] image = Image(seed);
            var images = new List<float[]>();
            var weights = new List<float>();
            var result = new float[Shape.Length];
            policy.Apply(image, Shape, result, SeededRandom.Create((ulong)seed), (picture, weight) =>
            {
                images.Add(picture.ToArray());
                weights.Add(weight);
            });

            Assert.Equal(5, images.Count);
            Assert.Equal(image, images[0]);
            Assert.All(weights, w => Assert.InRange(w, 0f, 1f));
            Assert.InRange(weights.Sum(), 1f - 1e-5f, 1f + 1e-5f);
            for (int i = 0; i < result.Length; i++)
            {
                // The mixture as torchvision adds it: m0 x, then each chain's weighted value, in float; then clamped to [0, 1].
                float mix = weights[0] * images[0][i];
                for (int k = 1; k < images.Count; k++) mix += weights[k] * images[k][i];
                Assert.Equal(Math.Clamp(mix, 0f, 1f), result[i]);
                float low = images.Min(x => x[i]), high = images.Max(x => x[i]);
                Assert.InRange(result[i], low - 1e-5f, high + 1e-5f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Each_policy_changes_images_with_probability_1_and_leaves_them_with_probability_0(string name)
    {
        float[][] applied = Batch([Policy(name, probability: 1)], count: 16, seed: 3);
        float[][] skipped = Batch([Policy(name, probability: 0)], count: 16, seed: 3);
        Assert.True(Enumerable.Range(0, 16).Count(i => !Image(i).SequenceEqual(applied[i])) >= 8);
        for (int i = 0; i < 16; i++) Assert.Equal(Image(i), skipped[i]);
        Assert.All(applied, image => Assert.All(image, v => Assert.InRange(v, 0f, 1f)));
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Each_policy_gives_the_same_images_for_the_same_seed_and_pass_and_others_for_another(string name)
    {
        Assert.Equal(Batch([Policy(name)], 16, seed: 4, pass: 2), Batch([Policy(name)], 16, seed: 4, pass: 2));
        Assert.NotEqual(Batch([Policy(name)], 16, seed: 4, pass: 2), Batch([Policy(name)], 16, seed: 5, pass: 2));
        Assert.NotEqual(Batch([Policy(name)], 16, seed: 4, pass: 2), Batch([Policy(name)], 16, seed: 4, pass: 3));
    }

    [Fact]
    public void Batch_augmentation_with_policies_does_not_depend_on_the_thread_count()
    {
        ImageAugmentationOptions[] steps = [new RandAugmentOptions { NumOps = 3, Magnitude = 15 }, new AugMixOptions { Probability = 0.5 }];
        float[] source = Enumerable.Range(0, 12).SelectMany(Image).ToArray();
        var one = new float[source.Length];
        var many = new float[source.Length];
        var batch = new ImageBatchAugmentation(steps, Shape);
        batch.Apply(source, one, 12, seed: 7, pass: 1, maxDegreeOfParallelism: 1);
        batch.Apply(source, many, 12, seed: 7, pass: 1, maxDegreeOfParallelism: 4);
        Assert.Equal(one, many);
        Assert.NotEqual(source, one);
    }

    [Fact]
    public void Policies_work_as_pipeline_steps_and_inside_Compose_and_OneOf()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new ImageRow { Pixels = Image(i) }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var augment = _ml.Transforms.Augment();
        var pipeline = augment.RandAugment("Pixels", numOps: 2, magnitude: 12, seed: 1)
            .Append(augment.Compose(new CompositionOptions { OutputColumnName = "Out", InputColumnName = "Pixels", Seed = 3 },
                augment.OneOf("Pixels", augment.TrivialAugmentWide("Pixels"), augment.AutoAugment("Pixels", AutoAugmentPolicy.Cifar10)),
                augment.AugMix("Pixels", severity: 5)));
        float[][] first = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Out").ToArray();
        float[][] again = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Out").ToArray();
        Assert.Equal(first, again);
        Assert.All(first.Zip(rows), pair => Assert.NotEqual(pair.Second.Pixels, pair.First));
        Assert.All(first, image => Assert.All(image, v => Assert.InRange(v, 0f, 1f)));
    }

    [Fact]
    public void Policies_refuse_bad_options_when_created_naming_the_option()
    {
        var augment = _ml.Transforms.Augment();
        void Refused(string option, Func<ImageAugmentationEstimator> create) =>
            Assert.Contains(option, Assert.Throws<ArgumentOutOfRangeException>(() => create()).Message);

        Refused("Magnitude", () => augment.RandAugment("P", magnitude: 31));
        Refused("Magnitude", () => augment.RandAugment("P", magnitude: -1));
        Refused("Magnitude", () => augment.RandAugment(new RandAugmentOptions { NumMagnitudeBins = 5, Magnitude = 5 }));
        Refused("NumOps", () => augment.RandAugment("P", numOps: -1));
        Refused("NumMagnitudeBins", () => augment.RandAugment(new RandAugmentOptions { NumMagnitudeBins = 1, Magnitude = 0 }));
        Refused("NumMagnitudeBins", () => augment.TrivialAugmentWide(new TrivialAugmentWideOptions { NumMagnitudeBins = 1 }));
        Refused("Severity", () => augment.AugMix("P", severity: 0));
        Refused("Severity", () => augment.AugMix("P", severity: 11));
        Refused("MixtureWidth", () => augment.AugMix("P", mixtureWidth: 0));
        Refused("Alpha", () => augment.AugMix(new AugMixOptions { Alpha = 0 }));
        Refused("Alpha", () => augment.AugMix(new AugMixOptions { Alpha = -1 }));
        Refused("Alpha", () => augment.AugMix(new AugMixOptions { Alpha = double.NaN }));
        Refused("Policy", () => augment.AutoAugment(new AutoAugmentOptions { Policy = (AutoAugmentPolicy)7 }));
        Refused("Interpolation", () => augment.RandAugment(new RandAugmentOptions { Interpolation = (Interpolation)9 }));
        Refused("Fill", () => augment.TrivialAugmentWide(new TrivialAugmentWideOptions { Fill = float.PositiveInfinity }));
        Refused("MaxValue", () => augment.AugMix(new AugMixOptions { MaxValue = 0 }));
        Refused("MaxValue", () => augment.AutoAugment(new AutoAugmentOptions { MaxValue = float.NaN }));
        foreach (string name in Names)
        {
            Refused("Probability", () => Estimator(Policy(name, probability: 1.5)));
            Refused("Probability", () => Estimator(Policy(name, probability: -0.1)));
            Assert.Contains("Probability", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBatchAugmentation([Policy(name, probability: 2)], Shape)).Message);
        }

        Assert.Contains("Severity", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBatchAugmentation([new AugMixOptions { Severity = 20 }], Shape)).Message);
    }

    [Fact]
    public void Policies_with_color_operations_refuse_images_of_other_than_1_or_3_channels_naming_the_column()
    {
        var four = new ImageShape(4, 8, 8);
        foreach (string name in Names)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBatchAugmentation([Policy(name)], four));
            Assert.Contains("4 channels", error.Message);
            Assert.Contains("need 1 (gray) or 3 (RGB)", error.Message);
        }

        var rows = new[] { new FourChannelRow() };
        var data = _ml.Data.LoadFromEnumerable(rows);
        var pipelineError = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Augment().RandAugment("Pixels").Fit(data));
        Assert.Contains("'Pixels'", pipelineError.Message);

        // Without the color operations AugMix runs on any channel count; gray images pass everywhere.
        var source = Enumerable.Range(0, four.Length).Select(i => (i % 50) / 50f).ToArray();
        var destination = new float[four.Length];
        new ImageBatchAugmentation([new AugMixOptions { AllOps = false }], four).Apply(source, destination, 1, seed: 1, pass: 0);
        var gray = new ImageShape(1, 8, 8);
        foreach (string name in Names) _ = new ImageBatchAugmentation([Policy(name)], gray);
    }

    [Fact]
    public void Defaults_follow_torchvision()
    {
        var rand = new RandAugmentOptions();
        Assert.Equal((2, 9, 31, Interpolation.Nearest, (float?)null, 1.0), (rand.NumOps, rand.Magnitude, rand.NumMagnitudeBins, rand.Interpolation, rand.Fill, rand.Probability));
        var trivial = new TrivialAugmentWideOptions();
        Assert.Equal((31, Interpolation.Nearest, (float?)null), (trivial.NumMagnitudeBins, trivial.Interpolation, trivial.Fill));
        var auto = new AutoAugmentOptions();
        Assert.Equal((AutoAugmentPolicy.ImageNet, Interpolation.Nearest, (float?)null), (auto.Policy, auto.Interpolation, auto.Fill));
        var mix = new AugMixOptions();
        Assert.Equal((3, 3, -1, 1.0, true, Interpolation.Bilinear, (float?)null), (mix.Severity, mix.MixtureWidth, mix.ChainDepth, mix.Alpha, mix.AllOps, mix.Interpolation, mix.Fill));
    }

    private sealed class PictureRow
    {
        [Microsoft.ML.Transforms.Image.ImageType(H, W)] public MLImage Image { get; set; } = null!;
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Each_policy_augments_an_MLImage_column_reproducibly(string name)
    {
        byte[] Bgra(int seed) => Enumerable.Range(0, H * W).SelectMany(i => new[] { (byte)(i * 3 + seed), (byte)(i * 5 + (2 * seed)), (byte)(i * 7 + (3 * seed)), (byte)255 }).ToArray();
        byte[][] Run()
        {
            var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new PictureRow { Image = MLImage.CreateFromPixels(W, H, MLPixelFormat.Bgra32, Bgra(i)) }));
            var options = Policy(name, seed: 5);
            options.OutputColumnName = "Image";
            return Estimator(options).Fit(data).Transform(data).GetColumn<MLImage>("Image").Select(image => image.Pixels.ToArray()).ToArray();
        }

        byte[][] first = Run();
        Assert.Equal(first, Run());
        Assert.Contains(Enumerable.Range(0, 8), i => !first[i].SequenceEqual(Bgra(i)));
    }

    private sealed class FourChannelRow
    {
        [VectorType(4, 8, 8)] public float[] Pixels { get; set; } = new float[4 * 8 * 8];
    }

    /// <summary>A chi-square bound on counts that should be uniform: the statistic stays under its degrees of freedom plus
    /// 6 standard deviations (sqrt(2 k)), which a uniform draw exceeds with a probability far below one in a million.</summary>
    private static void AssertUniform(int[] counts)
    {
        double expected = counts.Sum() / (double)counts.Length;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        int freedom = counts.Length - 1;
        Assert.True(chiSquare < freedom + (6 * Math.Sqrt(2.0 * freedom)), $"chi-square {chiSquare:F1} with {freedom} degrees of freedom; counts {string.Join(", ", counts)}");
        Assert.All(counts, c => Assert.True(c > 0));
    }

    private static void AssertHalf(int hits, int total) =>
        Assert.InRange(hits, (total / 2.0) - (5 * Math.Sqrt(total * 0.25)), (total / 2.0) + (5 * Math.Sqrt(total * 0.25)));
}
