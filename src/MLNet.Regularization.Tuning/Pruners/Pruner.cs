using System.Text.Json.Serialization;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// Stops hopeless trials early from the objective measured after each epoch: <see cref="MedianPruner"/> or
/// <see cref="AshaPruner"/>. Asked after every epoch of a running trial.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MedianPruner), "median")]
[JsonDerivedType(typeof(AshaPruner), "asha")]
public abstract class Pruner
{
    private protected Pruner() { }

    /// <summary>Checks the pruner's settings; throws naming the first one out of range.</summary>
    internal abstract void Validate();

    /// <summary>Whether <paramref name="trial"/>, whose <see cref="TrialRecord.EpochValues"/> end at the epoch just
    /// trained, should stop now, given the other trials of the search (any state; only their epoch values count).</summary>
    internal abstract bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction);
}
