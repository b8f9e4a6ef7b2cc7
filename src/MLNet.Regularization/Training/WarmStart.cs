using MLNet.Regularization.Tasks;

namespace MLNet.Regularization.Training;

/// <summary>Checks that an initial network can be trained further with the trainer's options: a warm start keeps the architecture.</summary>
internal static class WarmStart
{
    public static void Check(TrainedNetwork initial, RegularizedTrainerOptions options, NetworkArchitecture architecture, int featureCount, Objective objective)
    {
        void Require(bool condition, string what, object ours, object theirs)
        {
            if (!condition)
                throw new ArgumentException(
                    $"The initial network cannot be trained further with these options: {what} is {theirs} in the network but {ours} here. " +
                    "A warm start keeps the architecture.", nameof(initial));
        }
        Require(initial.Task == objective.Task, "the task", objective.Task, initial.Task);
        Require(initial.FeatureCount == featureCount, $"the size of feature column '{options.FeatureColumnName}'", featureCount, initial.FeatureCount);
        Require(initial.Architecture.Equals(architecture), $"the architecture (set by {architecture.OptionNames})", architecture, initial.Architecture);
        Require(initial.OutputCount == objective.OutputSize, $"the number of classes of label column '{options.LabelColumnName}'", objective.OutputSize, initial.OutputCount);
        Require(initial.EnsembleSize == options.EnsembleSize, "option EnsembleSize", options.EnsembleSize, initial.EnsembleSize);
    }
}
