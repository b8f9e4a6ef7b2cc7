namespace MLNet.Regularization.Regularization;

/// <summary>Builds the step-level regularizers that the options turn on.</summary>
internal static class Regularizers
{
    public static IReadOnlyList<IRegularizer> From(RegularizedMlpOptions options)
    {
        var list = new List<IRegularizer>();
        if (WeightPenalty.From(options) is { } penalty) list.Add(penalty);
        if (options.GradientClipNorm is double clip) list.Add(new GradientClipping(clip));
        if (options.WeightDecay > 0) list.Add(new DecoupledWeightDecay(options.WeightDecay));
        if (options.MaxNorm is double maxNorm) list.Add(new MaxNormConstraint(maxNorm));
        return list;
    }
}
