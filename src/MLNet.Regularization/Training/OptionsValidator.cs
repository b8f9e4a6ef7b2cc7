using System.Text.RegularExpressions;

namespace MLNet.Regularization.Training;

/// <summary>Checks every option once, when a trainer is created, with a message naming the option and its allowed range: the
/// ranges each option declares (<see cref="OptionRangeAttribute"/>, <see cref="OptionRanges"/>), then the rules across options.</summary>
internal static class OptionsValidator
{
    public static void Validate(RegularizedTrainerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        Require(!string.IsNullOrWhiteSpace(o.FeatureColumnName), nameof(o.FeatureColumnName), "must name a column", o.FeatureColumnName);
        Require(!string.IsNullOrWhiteSpace(o.LabelColumnName), nameof(o.LabelColumnName), "must name a column", o.LabelColumnName);

        OptionRanges.Check(o);
        Require(!o.Nesterov || (o.Optimizer == Optimizer.Sgd && o.Momentum > 0), nameof(o.Nesterov),
            "needs Optimizer = Sgd and Momentum > 0", o.Nesterov);
        Require(o.MinimumLearningRate <= (o.LearningRate ?? Training.TrainingSize.MinLearningRate), nameof(o.MinimumLearningRate),
            "must be in [0, LearningRate]", o.MinimumLearningRate);
        Require(o.Device is "cpu" || (o.Device is not null && Regex.IsMatch(o.Device, @"^cuda(:\d+)?$")), nameof(o.Device),
            "must be \"cpu\", \"cuda\" or \"cuda:N\"", o.Device);
        Require(Enum.IsDefined(o.FeatureScaling), nameof(o.FeatureScaling), "must be Standard, Robust or None", o.FeatureScaling);
        Require(Enum.IsDefined(o.DataStorage), nameof(o.DataStorage), "must be Auto, Memory or DiskCache", o.DataStorage);
        Require(o.DiskCacheFolder is null || Directory.Exists(o.DiskCacheFolder), nameof(o.DiskCacheFolder),
            "must name an existing folder or be null", o.DiskCacheFolder);
    }

    /// <summary>Checks the MLP's own options.</summary>
    public static void Validate(RegularizedMlpOptions o)
    {
        var hidden = o.HiddenLayers ?? throw new ArgumentNullException(nameof(o.HiddenLayers), "Option HiddenLayers must be a list of layer sizes (empty for a linear model).");
        Require(Enum.IsDefined(o.Activation), nameof(o.Activation), "must be one of " + string.Join(", ", Enum.GetNames<Activation>()), o.Activation);
        var dropout = o.Dropout ?? throw new ArgumentNullException(nameof(o.Dropout), "Option Dropout must be a list of probabilities (empty for none).");
        Require(dropout.Count <= 1 || dropout.Count == hidden.Count, nameof(o.Dropout),
            $"must hold one probability for all hidden layers or one per hidden layer ({hidden.Count})", string.Join(", ", dropout));
        Require(Enum.IsDefined(o.NumericEmbedding), nameof(o.NumericEmbedding), "must be None or Periodic", o.NumericEmbedding);
    }

    /// <summary>Checks the CNN's own options.</summary>
    public static void Validate(RegularizedCnnOptions o)
    {
        Require(o.FeatureScaling != FeatureScaling.Robust, nameof(o.FeatureScaling),
            "must be Standard (per channel) or None for the CNN: Robust scales the columns of tables, not pixels", o.FeatureScaling);
        var blocks = o.BlockChannels ?? throw new ArgumentNullException(nameof(o.BlockChannels), "Option BlockChannels must be a list of channel counts (empty for no convolution).");
        Require(o.KernelSize % 2 == 1, nameof(o.KernelSize), "must be a positive odd number (the convolutions keep the size)", o.KernelSize);
        Require(Enum.IsDefined(o.Pooling), nameof(o.Pooling), "must be Max, Average or None", o.Pooling);
        var head = o.HeadLayers ?? throw new ArgumentNullException(nameof(o.HeadLayers), "Option HeadLayers must be a list of layer sizes (empty for none).");
        Require(Enum.IsDefined(o.Activation), nameof(o.Activation), "must be one of " + string.Join(", ", Enum.GetNames<Activation>()), o.Activation);
        var augmentation = o.Augmentation ?? throw new ArgumentNullException(nameof(o.Augmentation), "Option Augmentation must be a list of augmentation steps (empty for none).");
        Require(augmentation.All(step => step is not null), nameof(o.Augmentation), "must not hold null steps", "a null step");
        Require(o.MixupProbability + o.CutMixProbability <= 1, nameof(o.CutMixProbability),
            $"plus MixupProbability ({o.MixupProbability}) must be at most 1: a batch is mixed by one of them at most", o.CutMixProbability);
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

    internal static void Require(bool condition, string option, string rule, object? value)
    {
        if (!condition)
            throw new ArgumentOutOfRangeException(option, value, $"Option {option} {rule}; got {value ?? "null"}.");
    }
}
