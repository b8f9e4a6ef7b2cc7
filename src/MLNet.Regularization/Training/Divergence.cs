using MLNet.Regularization.Networks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// Where and how a training diverged: the 1-based epoch, the 1-based batch (null when only the validation figures after the
/// epoch were not finite) and what stopped being finite. The checks are cheap: one scalar per batch (the loss) and one
/// pass over the parameters and buffers per epoch.
/// </summary>
internal sealed record Divergence(int Epoch, int? Batch, string What)
{
    /// <summary>Whether a scalar tensor (a batch loss) is finite; reads it back, which on CPU costs nothing noticeable.</summary>
    public static bool IsFinite(Tensor scalar) => double.IsFinite(scalar.item<float>());

    /// <summary>The first parameter or buffer (batch-norm running statistics included) with a NaN or infinite value, or null.</summary>
    public static string? FirstNonFiniteState(Network network)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (name, value) in network.state_dict())
            if (value.is_floating_point() && !value.isfinite().all().item<bool>()) return name;
        return null;
    }

    /// <summary>Where, for messages and the report: "epoch 4, batch 3" or "epoch 4, in validation".</summary>
    public string Where => Batch is int batch ? $"epoch {Epoch}, batch {batch}" : $"epoch {Epoch}, in validation";

    /// <summary>The exception <c>Fit</c> throws when there is no finite epoch to fall back to.</summary>
    public TrainingDivergedException ToException(int member, RegularizedTrainerOptions options)
    {
        string network = member > 0 || options.EnsembleSize > 1 ? $" (ensemble member {member})" : "";
        string clip = options.GradientClipNorm is double norm
            ? $"a smaller GradientClipNorm (now {norm})"
            : "gradient clipping with GradientClipNorm (for example 1)";
        string standardize = options.FeatureScaling != FeatureScaling.None ? "" : ", FeatureScaling = Standard";
        return new TrainingDivergedException(
            $"Training diverged{network}: {What} became NaN or infinite at {Where}. " +
            $"Try a lower LearningRate (now {options.SizedLearningRate}), {clip}{standardize}, " +
            "or EarlyStopping with validation data, which keeps the best epoch before a divergence.",
            member, Epoch, Batch);
    }
}
