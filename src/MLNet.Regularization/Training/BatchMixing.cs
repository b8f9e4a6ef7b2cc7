using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.Tasks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// Mixup (Zhang et al. 2018) and CutMix (Yun et al. 2019) on training batches: with probability <c>cutMixProbability</c> a batch
/// gets CutMix, else with probability <c>mixupProbability</c> mixup, else stays as it is. Each image is mixed with the image at a
/// random permutation of the batch; the targets become the task's soft targets mixed in the same ratio, and the loss takes them
/// (label smoothing applies on top). Seeded: the same seed gives the same mixing.
/// </summary>
internal sealed class BatchMixing(double mixupProbability, double mixupAlpha, double cutMixProbability, double cutMixAlpha,
    Objective objective, int height, int width, int seed) : TrainingCallback
{
    private readonly Random _random = SeededRandom.Create((ulong)(uint)seed ^ 0x6D69787570UL);

    public override (Tensor Input, Tensor Target) BeforeForward(TrainingState state, Tensor input, Tensor target)
    {
        double draw = _random.NextDouble();
        bool cutMix = draw < cutMixProbability;
        if (!cutMix && draw >= cutMixProbability + mixupProbability) return (input, target);

        int count = (int)input.shape[0];
        var order = Enumerable.Range(0, count).ToArray();
        _random.Shuffle(order);
        var permutation = tensor(Array.ConvertAll(order, i => (long)i), device: input.device);
        var soft = objective.SoftTargets(target);
        var other = soft.index_select(0, permutation);
        double ratio = Beta(cutMix ? cutMixAlpha : mixupAlpha);
        Tensor mixed;
        if (cutMix)
        {
            // A box of (1 - ratio) of the area, centred anywhere, clipped at the borders; the ratio is then the area kept.
            double cut = Math.Sqrt(1 - ratio);
            int boxHeight = (int)(height * cut), boxWidth = (int)(width * cut);
            int centreY = _random.Next(height), centreX = _random.Next(width);
            int top = Math.Clamp(centreY - boxHeight / 2, 0, height), bottom = Math.Clamp(centreY + boxHeight / 2, 0, height);
            int left = Math.Clamp(centreX - boxWidth / 2, 0, width), right = Math.Clamp(centreX + boxWidth / 2, 0, width);
            var images = input.view(count, -1, height, width);
            mixed = images.clone();
            if (bottom > top && right > left)
            {
                TensorIndex rows = TensorIndex.Slice(top, bottom), columns = TensorIndex.Slice(left, right);
                mixed[TensorIndex.Ellipsis, rows, columns] = images.index_select(0, permutation)[TensorIndex.Ellipsis, rows, columns];
            }
            mixed = mixed.view(input.shape);
            ratio = 1 - (double)(bottom - top) * (right - left) / (height * width);
        }
        else
        {
            mixed = input * ratio + input.index_select(0, permutation) * (1 - ratio);
        }
        return (mixed, soft * ratio + other * (1 - ratio));
    }

    /// <summary>A draw from Beta(alpha, alpha), as the ratio of two Gamma(alpha) draws.</summary>
    private double Beta(double alpha)
    {
        double x = Gamma(alpha), y = Gamma(alpha);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    /// <summary>A draw from Gamma(shape, 1): Marsaglia and Tsang's method, with the boost U^(1/shape) for shape below 1.</summary>
    private double Gamma(double shape)
    {
        if (shape < 1) return Gamma(shape + 1) * Math.Pow(_random.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z;
            do z = Normal(); while (1 + c * z <= 0);
            double v = Math.Pow(1 + c * z, 3), u = _random.NextDouble();
            if (u < 1 - 0.0331 * z * z * z * z || Math.Log(u) < 0.5 * z * z + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
