namespace MLNet.Regularization.Regularization;

/// <summary>Builds the step-level regularizers that the options turn on.</summary>
internal static class Regularizers
{
    public static IReadOnlyList<IRegularizer> From(RegularizedTrainerOptions options)
    {
        var list = new List<IRegularizer>();
        if (WeightPenalty.From(options) is { } penalty) list.Add(penalty);
        if (options.GradientClipNorm is double clip) list.Add(new GradientClipping(clip));
        // Adam takes the decay into the gradient as PyTorch's Adam does (after clipping, as there); the others decay decoupled.
        if (options.WeightDecay > 0)
            list.Add(options.Optimizer == Optimizer.Adam ? new CoupledWeightDecay(options.WeightDecay) : new DecoupledWeightDecay(options.WeightDecay));
        if (options.MaxNorm is double maxNorm) list.Add(new MaxNormConstraint(maxNorm));
        return list;
    }
}
