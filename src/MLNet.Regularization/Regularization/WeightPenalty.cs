using MLNet.Regularization.Networks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Regularization;

/// <summary>L1, L2 and elastic-net penalties on the weight matrices (biases and batch-norm parameters are left alone).</summary>
internal sealed class WeightPenalty(double l1, double l2) : IRegularizer
{
    /// <summary>Combines <see cref="RegularizedTrainerOptions.L1"/>, <see cref="RegularizedTrainerOptions.L2"/> and the elastic net into one L1 and one L2 coefficient.</summary>
    public static WeightPenalty? From(RegularizedTrainerOptions options)
    {
        double l1 = options.L1 + options.ElasticNet * options.ElasticNetL1Ratio;
        double l2 = options.L2 + options.ElasticNet * (1 - options.ElasticNetL1Ratio) / 2;
        return l1 > 0 || l2 > 0 ? new WeightPenalty(l1, l2) : null;
    }

    public Tensor? Penalty(Network network)
    {
        Tensor? total = null;
        foreach (var w in network.Weights)
        {
            if (l1 > 0) total = Add(total, w.abs().sum() * l1);
            if (l2 > 0) total = Add(total, w.square().sum() * l2);
        }
        return total;
    }

    private static Tensor Add(Tensor? total, Tensor term) => total is null ? term : total + term;
}
