namespace MLNet.Regularization.Training;

/// <summary>Checks that an initial network can be trained further with the trainer's options: a warm start keeps the architecture.</summary>
internal static class WarmStart
{
    public static void Check(TrainedNetwork initial, RegularizedMlpOptions options, PredictionKind kind, int featureCount, PredictionTask task)
    {
        void Require(bool condition, string what, object ours, object theirs)
        {
            if (!condition)
                throw new ArgumentException(
                    $"The initial network cannot be trained further with these options: {what} is {theirs} in the network but {ours} here. " +
                    "A warm start keeps the architecture.", nameof(initial));
        }
        Require(initial.Kind == kind, "the task", kind, initial.Kind);
        Require(initial.FeatureCount == featureCount, $"the size of feature column '{options.FeatureColumnName}'", featureCount, initial.FeatureCount);
        Require(initial.HiddenLayers.SequenceEqual(options.HiddenLayers), "option HiddenLayers",
            $"[{string.Join(", ", options.HiddenLayers)}]", $"[{string.Join(", ", initial.HiddenLayers)}]");
        Require(initial.Activation == options.Activation, "option Activation", options.Activation, initial.Activation);
        Require(initial.OutputCount == task.OutputSize, $"the number of classes of label column '{options.LabelColumnName}'", task.OutputSize, initial.OutputCount);
        Require(initial.EnsembleSize == options.EnsembleSize, "option EnsembleSize", options.EnsembleSize, initial.EnsembleSize);
    }
}
