using System.Text.Json;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation.Tests.Reference;

/// <summary>
/// The policies against torchvision 0.14's <c>transforms/autoaugment.py</c>: every augmentation space (operations in
/// torchvision's order, signs, the float32 magnitude of every bin) for several bin counts and image sizes, AutoAugment's three
/// policies, and one operation of each policy at a fixed bin and sign through the policy's own table, applied to the reference
/// image quantized to 8-bit levels.
/// </summary>
public partial class TorchvisionReferenceTests
{
    [Fact]
    public void AugmentationSpaces_MatchTorchvisionExactly()
    {
        int count = 0;
        foreach (JsonElement stored in TorchvisionReference.Policies.GetProperty("spaces").EnumerateArray())
        {
            int bins = stored.GetProperty("bins").GetInt32(), height = stored.GetProperty("height").GetInt32(), width = stored.GetProperty("width").GetInt32();
            string policy = stored.GetProperty("policy").GetString()!;
            PolicyOperationSpace[] ours = policy switch
            {
                "RandAugment" => AugmentationSpace.RandAugment(bins, height, width),
                "TrivialAugmentWide" => AugmentationSpace.TrivialAugmentWide(bins),
                "AutoAugment" => AugmentationSpace.AutoAugment(height, width),
                "AugMix" => AugmentationSpace.AugMix(height, width, allOps: true),
                _ => AugmentationSpace.AugMix(height, width, allOps: false),
            };
            JsonElement[] ops = stored.GetProperty("ops").EnumerateArray().ToArray();
            string where = $"{policy}, {bins} bins, {height}x{width}";
            Assert.True(ops.Length == ours.Length, $"{where}: {ours.Length} operations; torchvision has {ops.Length}.");
            for (int i = 0; i < ops.Length; i++)
            {
                Assert.Equal(ops[i].GetProperty("name").GetString(), ours[i].Operation.ToString());
                Assert.Equal(ops[i].GetProperty("signed").GetBoolean(), ours[i].Signed);
                float[] expected = ops[i].GetProperty("magnitudes").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
                for (int bin = 0; bin < expected.Length; bin++)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(expected[bin]) == BitConverter.SingleToInt32Bits(ours[i].Magnitudes[bin]),
                        $"{where}, {ours[i].Operation} bin {bin}: ours {ours[i].Magnitudes[bin]:R}, torchvision {expected[bin]:R}.");
                }

                Assert.Equal(expected.Length, ours[i].Magnitudes.Length);
                count++;
            }
        }

        Assert.True(count > 1000, $"{count} operations compared");
    }

    [Fact]
    public void AutoAugmentPolicies_MatchTorchvision()
    {
        foreach (JsonProperty stored in TorchvisionReference.Policies.GetProperty("autoaugment").EnumerateObject())
        {
            var policy = stored.Name switch { "IMAGENET" => AutoAugmentPolicy.ImageNet, "CIFAR10" => AutoAugmentPolicy.Cifar10, _ => AutoAugmentPolicy.Svhn };
            SubPolicyOperation[][] ours = AutoAugmentPolicies.Of(policy);
            JsonElement[] subPolicies = stored.Value.EnumerateArray().ToArray();
            Assert.Equal(subPolicies.Length, ours.Length);
            for (int i = 0; i < ours.Length; i++)
            {
                JsonElement[] operations = subPolicies[i].EnumerateArray().ToArray();
                Assert.Equal(operations.Length, ours[i].Length);
                for (int k = 0; k < operations.Length; k++)
                {
                    var expected = new SubPolicyOperation(Enum.Parse<PolicyOperation>(operations[k].GetProperty("name").GetString()!),
                        operations[k].GetProperty("p").GetDouble(), operations[k].GetProperty("bin").GetInt32());
                    Assert.Equal(expected, ours[i][k]);
                }
            }
        }

        Assert.Equal(3, TorchvisionReference.Policies.GetProperty("autoaugment").EnumerateObject().Count());
    }

    public static TheoryData<string> PolicyOperationCases => new(TorchvisionReference.CasesOf("policy_op"));

    /// <summary>Exact for the tone operations and nearest sampling; Solarize within one float rounding (torchvision inverts
    /// the level, <c>(255 - k) / 255</c>, here the value, <c>1 - k / 255</c>, as torchvision on floats); within one level for the
    /// color, sharpness and bilinear ones (float rounding, as the functions' own reference tests).</summary>
    [Theory]
    [MemberData(nameof(PolicyOperationCases))]
    public void PolicyOperation_AtAFixedBinAndSign_MatchesTorchvision(string name)
    {
        JsonElement p = TorchvisionReference.Parameters(name);
        string operation = p.GetProperty("op").GetString()!;
        int index = p.GetProperty("index").GetInt32(), bin = p.GetProperty("bin").GetInt32();
        bool negative = p.GetProperty("negative").GetBoolean();
        var interpolation = p.GetProperty("interpolation").GetString() == "bilinear" ? Interpolation.Bilinear : Interpolation.Nearest;
        float? fill = p.GetProperty("fill").ValueKind == JsonValueKind.Null ? null : p.GetProperty("fill").GetSingle();
        ReferenceImage levels = TorchvisionReference.Case("policy_input_levels");
        ImageShape shape = levels.Shape;
        var actual = new float[shape.Length];
        switch (p.GetProperty("policy").GetString())
        {
            case "randaugment":
                new RandAugment(new RandAugmentOptions { Magnitude = bin, Interpolation = interpolation, Fill = fill }).ApplyOperation(index, negative, levels.Data, shape, actual);
                Assert.Equal(operation, new RandAugment(new RandAugmentOptions()).SpaceFor(shape)[index].Operation.ToString());
                break;
            case "trivialaugmentwide":
                new TrivialAugmentWide(new TrivialAugmentWideOptions { Interpolation = interpolation, Fill = fill }).ApplyOperation(index, bin, negative, levels.Data, shape, actual);
                Assert.Equal(operation, new TrivialAugmentWide(new TrivialAugmentWideOptions()).Space[index].Operation.ToString());
                break;
            case "autoaugment":
                new AutoAugment(new AutoAugmentOptions { Interpolation = interpolation, Fill = fill })
                    .ApplyOperation(Enum.Parse<PolicyOperation>(operation), bin, negative, levels.Data, shape, actual);
                break;
            default:
                new AugMix(new AugMixOptions { Interpolation = interpolation, Fill = fill }).ApplyOperation(index, bin, negative, levels.Data, shape, actual);
                Assert.Equal(operation, new AugMix(new AugMixOptions()).SpaceFor(shape)[index].Operation.ToString());
                break;
        }

        bool exact = operation is "Identity" or "Posterize" or "Equalize" or "AutoContrast" or "Invert"
            || (interpolation == Interpolation.Nearest && operation is "ShearX" or "ShearY" or "TranslateX" or "TranslateY" or "Rotate");
        float[] expected = TorchvisionReference.Case(name).Data;
        float tolerance = exact ? 0f : operation == "Solarize" ? 1e-7f : Tolerance;
        int worst = Enumerable.Range(0, actual.Length).MaxBy(i => MathF.Abs(actual[i] - expected[i]));
        float diff = MathF.Abs(actual[worst] - expected[worst]);
        int over = Enumerable.Range(0, actual.Length).Count(i => !(MathF.Abs(actual[i] - expected[i]) <= tolerance));
        string report = $"{name}: max |ours - torchvision| = {diff:G6} at {worst} (ours {actual[worst]:G9}, torchvision {expected[worst]:G9}); {over} values over {tolerance}.";
        output.WriteLine(report);
        Assert.True(diff <= tolerance, report);
        if (operation != "Identity") Assert.NotEqual(levels.Data, actual);
    }
}
