using System.Text.RegularExpressions;

namespace MLNet.Regularization.Training;

/// <summary>Checks every option once, when a trainer is created, with a message naming the option and its allowed range.</summary>
internal static class OptionsValidator
{
    public static void Validate(RegularizedTrainerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        Require(!string.IsNullOrWhiteSpace(o.FeatureColumnName), nameof(o.FeatureColumnName), "must name a column", o.FeatureColumnName);
        Require(!string.IsNullOrWhiteSpace(o.LabelColumnName), nameof(o.LabelColumnName), "must name a column", o.LabelColumnName);

        Require(o.Epochs is null or > 0, nameof(o.Epochs), "must be positive, or null to size it from the training rows", o.Epochs);
        Require(o.BatchSize is null or > 0, nameof(o.BatchSize), "must be positive, or null to size it from the training rows", o.BatchSize);
        Require(o.LearningRate is null || (double.IsFinite(o.LearningRate.Value) && o.LearningRate > 0), nameof(o.LearningRate),
            "must be a positive number, or null to size it from the batch size", o.LearningRate);
        Require(o.Momentum >= 0 && o.Momentum < 1, nameof(o.Momentum), "must be in [0, 1)", o.Momentum);
        Require(!o.Nesterov || (o.Optimizer == Optimizer.Sgd && o.Momentum > 0), nameof(o.Nesterov),
            "needs Optimizer = Sgd and Momentum > 0", o.Nesterov);
        Require(o.ScheduleStepSize > 0, nameof(o.ScheduleStepSize), "must be positive", o.ScheduleStepSize);
        Require(o.ScheduleGamma > 0 && o.ScheduleGamma <= 1, nameof(o.ScheduleGamma), "must be in (0, 1]", o.ScheduleGamma);
        Require(o.SchedulePatience >= 0, nameof(o.SchedulePatience), "must not be negative", o.SchedulePatience);
        Require(o.MinimumLearningRate >= 0 && o.MinimumLearningRate <= (o.LearningRate ?? Training.TrainingSize.MinLearningRate), nameof(o.MinimumLearningRate),
            "must be in [0, LearningRate]", o.MinimumLearningRate);
        Require(o.NumberOfThreads is null or > 0, nameof(o.NumberOfThreads), "must be positive or null", o.NumberOfThreads);
        Require(o.Device is "cpu" || (o.Device is not null && Regex.IsMatch(o.Device, @"^cuda(:\d+)?$")), nameof(o.Device),
            "must be \"cpu\", \"cuda\" or \"cuda:N\"", o.Device);

        NonNegative(o.L1, nameof(o.L1));
        NonNegative(o.L2, nameof(o.L2));
        NonNegative(o.ElasticNet, nameof(o.ElasticNet));
        Require(o.ElasticNetL1Ratio >= 0 && o.ElasticNetL1Ratio <= 1, nameof(o.ElasticNetL1Ratio), "must be in [0, 1]", o.ElasticNetL1Ratio);
        NonNegative(o.WeightDecay, nameof(o.WeightDecay));

        Require(Enum.IsDefined(o.FeatureScaling), nameof(o.FeatureScaling), "must be Standard, Robust or None", o.FeatureScaling);
        Probability(o.InputDropout, nameof(o.InputDropout));
        NonNegative(o.InputNoiseStdDev, nameof(o.InputNoiseStdDev));

        if (o.MaxNorm is double maxNorm) Positive(maxNorm, nameof(o.MaxNorm));
        if (o.GradientClipNorm is double clip) Positive(clip, nameof(o.GradientClipNorm));

        Require(o.ValidationFraction >= 0 && o.ValidationFraction < 1, nameof(o.ValidationFraction), "must be in [0, 1)", o.ValidationFraction);
        Require(o.EarlyStoppingPatience > 0, nameof(o.EarlyStoppingPatience), "must be positive", o.EarlyStoppingPatience);
        NonNegative(o.EarlyStoppingMinDelta, nameof(o.EarlyStoppingMinDelta));
        Require(o.EnsembleSize > 0, nameof(o.EnsembleSize), "must be positive", o.EnsembleSize);
        Require(Enum.IsDefined(o.DataStorage), nameof(o.DataStorage), "must be Auto, Memory or DiskCache", o.DataStorage);
        Require(o.MemoryLimit is null or > 0, nameof(o.MemoryLimit), "must be positive (bytes) or null", o.MemoryLimit);
        Require(o.DiskCacheFolder is null || Directory.Exists(o.DiskCacheFolder), nameof(o.DiskCacheFolder),
            "must name an existing folder or be null", o.DiskCacheFolder);
    }

    /// <summary>Checks the MLP's own options.</summary>
    public static void Validate(RegularizedMlpOptions o)
    {
        var hidden = o.HiddenLayers ?? throw new ArgumentNullException(nameof(o.HiddenLayers), "Option HiddenLayers must be a list of layer sizes (empty for a linear model).");
        Require(hidden.All(s => s > 0), nameof(o.HiddenLayers), "must hold positive layer sizes", string.Join(", ", hidden));
        Require(Enum.IsDefined(o.Activation), nameof(o.Activation), "must be one of " + string.Join(", ", Enum.GetNames<Activation>()), o.Activation);
        var dropout = o.Dropout ?? throw new ArgumentNullException(nameof(o.Dropout), "Option Dropout must be a list of probabilities (empty for none).");
        Require(dropout.Count <= 1 || dropout.Count == hidden.Count, nameof(o.Dropout),
            $"must hold one probability for all hidden layers or one per hidden layer ({hidden.Count})", string.Join(", ", dropout));
        foreach (double p in dropout) Probability(p, nameof(o.Dropout));
        Require(Enum.IsDefined(o.NumericEmbedding), nameof(o.NumericEmbedding), "must be None or Periodic", o.NumericEmbedding);
        Require(o.NumericEmbeddingFrequencies > 0, nameof(o.NumericEmbeddingFrequencies), "must be positive", o.NumericEmbeddingFrequencies);
        Require(o.NumericEmbeddingSize >= 2, nameof(o.NumericEmbeddingSize),
            "must be at least 2 (the scaled value and at least one learned value)", o.NumericEmbeddingSize);
        Positive(o.NumericEmbeddingScale, nameof(o.NumericEmbeddingScale));
        if (o is RegularizedMlpClassificationOptions c) Probability(c.LabelSmoothing, nameof(c.LabelSmoothing));
    }

    /// <summary>Checks the CNN's own options.</summary>
    public static void Validate(RegularizedCnnOptions o)
    {
        Require(o.FeatureScaling != FeatureScaling.Robust, nameof(o.FeatureScaling),
            "must be Standard (per channel) or None for the CNN: Robust scales the columns of tables, not pixels", o.FeatureScaling);
        foreach (var (value, name) in new[] { (o.ImageChannels, nameof(o.ImageChannels)), (o.ImageHeight, nameof(o.ImageHeight)), (o.ImageWidth, nameof(o.ImageWidth)) })
            Require(value is null or > 0, name, "must be positive or null", value);
        var blocks = o.BlockChannels ?? throw new ArgumentNullException(nameof(o.BlockChannels), "Option BlockChannels must be a list of channel counts (empty for no convolution).");
        Require(blocks.All(c => c > 0), nameof(o.BlockChannels), "must hold positive channel counts", string.Join(", ", blocks));
        Require(o.ConvolutionsPerBlock > 0, nameof(o.ConvolutionsPerBlock), "must be positive", o.ConvolutionsPerBlock);
        Require(o.KernelSize > 0 && o.KernelSize % 2 == 1, nameof(o.KernelSize), "must be a positive odd number (the convolutions keep the size)", o.KernelSize);
        Require(Enum.IsDefined(o.Pooling), nameof(o.Pooling), "must be Max, Average or None", o.Pooling);
        var head = o.HeadLayers ?? throw new ArgumentNullException(nameof(o.HeadLayers), "Option HeadLayers must be a list of layer sizes (empty for none).");
        Require(head.All(s => s > 0), nameof(o.HeadLayers), "must hold positive layer sizes", string.Join(", ", head));
        Require(Enum.IsDefined(o.Activation), nameof(o.Activation), "must be one of " + string.Join(", ", Enum.GetNames<Activation>()), o.Activation);
        Probability(o.SpatialDropout, nameof(o.SpatialDropout));
        Probability(o.Dropout, nameof(o.Dropout));
        Probability(o.LabelSmoothing, nameof(o.LabelSmoothing));
        var augmentation = o.Augmentation ?? throw new ArgumentNullException(nameof(o.Augmentation), "Option Augmentation must be a list of augmentation steps (empty for none).");
        Require(augmentation.All(step => step is not null), nameof(o.Augmentation), "must not hold null steps", "a null step");
        Require(o.MixupProbability >= 0 && o.MixupProbability <= 1, nameof(o.MixupProbability), "must be in [0, 1]", o.MixupProbability);
        Require(o.CutMixProbability >= 0 && o.CutMixProbability <= 1, nameof(o.CutMixProbability), "must be in [0, 1]", o.CutMixProbability);
        Require(o.MixupProbability + o.CutMixProbability <= 1, nameof(o.CutMixProbability),
            $"plus MixupProbability ({o.MixupProbability}) must be at most 1: a batch is mixed by one of them at most", o.CutMixProbability);
        Positive(o.MixupAlpha, nameof(o.MixupAlpha));
        Positive(o.CutMixAlpha, nameof(o.CutMixAlpha));
        Require(o.AugmentationStrength >= 0 && o.AugmentationStrength <= 1, nameof(o.AugmentationStrength), "must be in [0, 1]", o.AugmentationStrength);
        if (o.AdaptiveAugmentation is { } adaptive) Validate(adaptive, augmentation.Count);
    }

    private static void Validate(AdaptiveAugmentation a, int steps)
    {
        const string Name = nameof(RegularizedCnnOptions.AdaptiveAugmentation);
        Require(steps > 0, Name, "needs batch augmentation steps to adapt: set option Augmentation (for example RandomCropOptions and RandomFlipOptions)", "no steps");
        Require(double.IsFinite(a.TargetGap), $"{Name}.{nameof(a.TargetGap)}", "must be finite", a.TargetGap);
        Require(a.StepSize > 0 && a.StepSize <= 1, $"{Name}.{nameof(a.StepSize)}", "must be in (0, 1]", a.StepSize);
        Require(a.Interval > 0, $"{Name}.{nameof(a.Interval)}", "must be at least 1 epoch", a.Interval);
        Require(a.Smoothing > 0 && a.Smoothing <= 1, $"{Name}.{nameof(a.Smoothing)}", "must be in (0, 1]", a.Smoothing);
        Require(a.MinimumStrength >= 0 && a.MinimumStrength <= 1, $"{Name}.{nameof(a.MinimumStrength)}", "must be in [0, 1]", a.MinimumStrength);
        Require(a.MaximumStrength >= a.MinimumStrength && a.MaximumStrength <= 1, $"{Name}.{nameof(a.MaximumStrength)}",
            $"must be in [MinimumStrength ({a.MinimumStrength}), 1]", a.MaximumStrength);
        Require(a.InitialStrength >= a.MinimumStrength && a.InitialStrength <= a.MaximumStrength, $"{Name}.{nameof(a.InitialStrength)}",
            $"must be in [MinimumStrength ({a.MinimumStrength}), MaximumStrength ({a.MaximumStrength})]", a.InitialStrength);
    }

    internal static void Probability(double value, string name) => Require(value >= 0 && value < 1, name, "must be in [0, 1)", value);

    internal static void Positive(double value, string name) => Require(double.IsFinite(value) && value > 0, name, "must be positive and finite", value);

    internal static void NonNegative(double value, string name) => Require(double.IsFinite(value) && value >= 0, name, "must not be negative", value);

    internal static void Require(bool condition, string option, string rule, object? value)
    {
        if (!condition)
            throw new ArgumentOutOfRangeException(option, value, $"Option {option} {rule}; got {value ?? "null"}.");
    }
}
