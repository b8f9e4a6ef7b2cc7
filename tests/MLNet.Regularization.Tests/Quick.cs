namespace MLNet.Regularization.Tests;

/// <summary>Options for fast, deterministic test runs: a small ReLU network on standardized inputs without a numeric embedding,
/// no regularization unless a test turns it on.</summary>
public static class Quick
{
    public static T Options<T>(Action<T>? configure = null) where T : RegularizedMlpOptions, new()
    {
        var options = new T
        {
            HiddenLayers = [32],
            Activation = Activation.ReLU,
            FeatureScaling = FeatureScaling.Standard,
            NumericEmbedding = NumericEmbedding.None,
            Epochs = 30,
            BatchSize = 32,
            LearningRate = 1e-2,
            Dropout = [],
            InputNoiseStdDev = 0,
            WeightDecay = 0,
            EarlyStopping = false,
            ValidationFraction = 0,
            LearningRateSchedule = LearningRateSchedule.Constant,
            NumberOfThreads = 1,
            Seed = 7,
        };
        if (options is RegularizedMlpClassificationOptions classification) classification.LabelSmoothing = 0;
        configure?.Invoke(options);
        return options;
    }

    public static RegularizedMlpBinaryTrainer.Options Binary(Action<RegularizedMlpBinaryTrainer.Options>? configure = null) => Options(configure);

    public static RegularizedMlpMulticlassTrainer.Options Multiclass(Action<RegularizedMlpMulticlassTrainer.Options>? configure = null) => Options(configure);

    public static RegularizedMlpRegressionTrainer.Options Regression(Action<RegularizedMlpRegressionTrainer.Options>? configure = null) => Options(configure);
}
