using Microsoft.ML;
using MLNet.Regularization.Scoring;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>
/// Random damage of many kinds (overwritten, zeroed or maxed-out bytes, deleted, inserted, repeated or swapped ranges),
/// seeded: the readers throw nothing but <see cref="InvalidDataException"/>, and whatever they accept is what was saved.
/// The damage is also applied under a valid digest, and to a format-1 network, so that it reaches the code that
/// interprets a network's content.
/// </summary>
public class TrainedNetworkDamageTests(ITestOutputHelper output)
{
    private const int Trials = 3000;

    internal static byte[] Damage(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        for (int n = random.Next(1, 4); n > 0; n--)
        {
            int at = random.Next(Math.Max(1, list.Count)), length = random.Next(1, 9);
            int end = Math.Min(list.Count, at + length);
            switch (random.Next(7))
            {
                case 0: for (int i = at; i < end; i++) list[i] = (byte)random.Next(256); break;
                case 1: for (int i = at; i < end; i++) list[i] = 0xFF; break;
                case 2: for (int i = at; i < end; i++) list[i] = 0; break;
                case 3: if (at < list.Count) list.RemoveRange(at, end - at); break;
                case 4: list.InsertRange(Math.Min(at, list.Count), Enumerable.Range(0, length).Select(_ => (byte)random.Next(256))); break;
                case 5: if (at < list.Count) list.InsertRange(at, list.GetRange(at, end - at)); break;
                default:
                    int other = random.Next(Math.Max(1, list.Count));
                    int count = Math.Min(end - at, list.Count - other);
                    if (at < list.Count && count > 0)
                    {
                        var first = list.GetRange(at, count);
                        var second = list.GetRange(other, count);
                        list.RemoveRange(other, count); list.InsertRange(other, first);
                        list.RemoveRange(at, count); list.InsertRange(at, second);
                    }
                    break;
            }
        }
        return [.. list];
    }

    private static string? Outcome(Action read, Func<bool> same)
    {
        try
        {
            read();
            return same() ? null : "accepted as something else";
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    [Fact]
    public void Random_damage_of_a_model_file_is_refused_with_InvalidDataException_or_reads_as_it_was()
    {
        var zip = TinyModel.Zip;
        var entries = TinyModel.Entries(zip);
        var random = new Random(11);
        var ml = new MLContext();
        var failures = new List<string>();
        for (int trial = 0; trial < Trials; trial++)
        {
            var damaged = Damage(zip, random);
            TrainedNetwork? network = null;
            if (Outcome(() => network = TrainedNetwork.Load(new MemoryStream(damaged)), () => TinyModel.Same(TinyModel.Network, network!)) is { } load)
                failures.Add($"trial {trial}, TrainedNetwork.Load: {load}");
            if (Outcome(() => ml.Model.VerifyIntegrity(new MemoryStream(damaged)), () => SameEntries(entries, damaged)) is { } verify)
                failures.Add($"trial {trial}, VerifyIntegrity: {verify}");
        }
        output.WriteLine($"{Trials} damaged model files: {failures.Count} failures");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("standalone")]
    [InlineData("signed again")]
    [InlineData("format 1")]
    public void Random_damage_of_a_network_is_refused_with_InvalidDataException_or_reads_as_a_network(string kind)
    {
        var onnx = kind == "format 1" ? File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Scoring", "Data", "format1-regression.onnx")) : TinyModel.Onnx;
        var random = new Random(12);
        var failures = new List<string>();
        int accepted = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            var damaged = Damage(onnx, random);
            if (kind == "signed again" && damaged.Length >= DigestEntryLength) damaged = NetworkDigest.Append(damaged[..^DigestEntryLength]);
            try
            {
                var network = TrainedNetwork.Load(new MemoryStream(damaged));
                accepted++;
                // Whatever is accepted must be a usable network: its own ONNX form reads back as itself.
                if (!TinyModel.Same(network, TrainedNetwork.Load(new MemoryStream(network.ToOnnxBytes("Features")))))
                    failures.Add($"trial {trial}: accepted a network that does not read back as itself");
                if (kind == "standalone" && !TinyModel.Same(TinyModel.Network, network))
                    failures.Add($"trial {trial}: accepted a damaged standalone network");
            }
            catch (InvalidDataException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"trial {trial}: {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"{Trials} damaged networks ({kind}): {accepted} read as a network, {failures.Count} failures");
        Assert.Empty(failures);
    }

    private static readonly int DigestEntryLength = NetworkDigest.Append([]).Length;

    private static bool SameEntries((string Name, byte[] Content)[] expected, byte[] zip)
    {
        (string Name, byte[] Content)[] actual;
        try
        {
            actual = TinyModel.Entries(zip);
        }
        catch (Exception)
        {
            return false;
        }
        return actual.Length == expected.Length
            && actual.Zip(expected).All(p => p.First.Name == p.Second.Name && p.First.Content.AsSpan().SequenceEqual(p.Second.Content));
    }
}
