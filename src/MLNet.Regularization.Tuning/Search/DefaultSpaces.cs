namespace MLNet.Regularization.Tuning;

/// <summary>
/// The default search spaces of the trainers: the regularizers and the few settings they interact with most (learning rate,
/// width and depth). Penalties are log-uniform from a value that does nothing to a strong one, so that the search can also
/// turn them off.
/// </summary>
internal static class DefaultSpaces
{
    public static SearchSpace For(RegularizedTrainerOptions options)
    {
        var space = new SearchSpace
        {
            [nameof(RegularizedTrainerOptions.LearningRate)] = SearchRange.LogUniform(1e-4, 1e-2),
            [nameof(RegularizedTrainerOptions.WeightDecay)] = SearchRange.LogUniform(1e-5, 0.3),
            [nameof(RegularizedTrainerOptions.L1)] = SearchRange.LogUniform(1e-8, 1e-3),
            [nameof(RegularizedTrainerOptions.L2)] = SearchRange.LogUniform(1e-8, 1e-2),
        };
        switch (options)
        {
            case RegularizedMlpOptions:
                space[OptionBinding.HiddenLayerSize] = SearchRange.Integer(64, 512, log: true);
                space[OptionBinding.HiddenLayerCount] = SearchRange.Integer(1, 4);
                space[nameof(RegularizedMlpOptions.Dropout)] = SearchRange.Uniform(0, 0.5);
                space[nameof(RegularizedTrainerOptions.InputNoiseStdDev)] = SearchRange.Uniform(0, 0.5);
                space[nameof(RegularizedMlpOptions.BatchNormalization)] = SearchRange.Categorical(false, true);
                if (options is RegularizedMlpClassificationOptions)
                    space[nameof(RegularizedMlpClassificationOptions.LabelSmoothing)] = SearchRange.Uniform(0, 0.2);
                break;
            case RegularizedCnnOptions cnn:
                space[nameof(RegularizedCnnOptions.Dropout)] = SearchRange.Uniform(0, 0.5);
                space[nameof(RegularizedCnnOptions.SpatialDropout)] = SearchRange.Uniform(0, 0.3);
                space[nameof(RegularizedCnnOptions.BatchNormalization)] = SearchRange.Categorical(true, false);
                space[nameof(RegularizedCnnOptions.LabelSmoothing)] = SearchRange.Uniform(0, 0.2);
                space[nameof(RegularizedCnnOptions.MixupProbability)] = SearchRange.Uniform(0, 0.5);
                if (cnn.Augmentation.Count > 0 && cnn.AdaptiveAugmentation is null)
                    space[nameof(RegularizedCnnOptions.AugmentationStrength)] = SearchRange.Uniform(0, 1);
                break;
        }
        return space;
    }
}
