using MLNet.Regularization.Tasks;
using MLNet.Regularization.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// A plug-in of the training loop, in the spirit of skorch's callbacks: called when training starts, at the start of every
/// epoch, before every forward pass (where batch augmentation, mixup and CutMix replace the batch) and at the end of every
/// epoch (where the schedule, progress and early stopping act, and any callback may stop training cleanly), and when
/// training ends (where the best weights come back). Every hook does nothing by default.
/// </summary>
internal abstract class TrainingCallback
{
    public virtual void EpochStarted(TrainingState state) { }

    /// <summary>May replace the batch's inputs and targets (hard class indices or soft probabilities, see
    /// <see cref="Tasks.Objective.SoftTargets"/>). Runs in the batch's dispose scope, in training only, never in validation.</summary>
    public virtual (Tensor Input, Tensor Target) BeforeForward(TrainingState state, Tensor input, Tensor target) => (input, target);

    /// <summary>Called with the epoch's figures; returns <see langword="true"/> to stop training after this epoch.</summary>
    public virtual bool EpochEnded(TrainingState state, EpochReport report) => false;

    /// <summary>Called once after the last epoch, after a stop or after a divergence: may restore weights (see <see cref="TrainingState.KeptEpoch"/>).</summary>
    public virtual void TrainingEnded(TrainingState state) { }
}

/// <summary>What the callbacks of one training see and may change.</summary>
internal sealed class TrainingState(Network network, optim.Optimizer optimizer, int member, int seed, bool hasValidation)
{
    public Network Network { get; } = network;

    public optim.Optimizer Optimizer { get; } = optimizer;

    /// <summary>The ensemble member, from 0.</summary>
    public int Member { get; } = member;

    /// <summary>The member's seed.</summary>
    public int Seed { get; } = seed;

    /// <summary>Whether validation figures are measured after every epoch.</summary>
    public bool HasValidation { get; } = hasValidation;

    /// <summary>The current epoch, from 1.</summary>
    public int Epoch { get; set; }

    /// <summary>The current batch of the epoch, from 1.</summary>
    public int Batch { get; set; }

    /// <summary>The learning rate of the current epoch.</summary>
    public double LearningRate
    {
        get => Optimizer.ParamGroups.First().LearningRate;
        set
        {
            foreach (var group in Optimizer.ParamGroups) group.LearningRate = value;
        }
    }

    /// <summary>The epoch whose weights the network holds after training: set by a callback that restores weights, else the last epoch.</summary>
    public int? KeptEpoch { get; set; }

    /// <summary>An earlier epoch whose weights a callback can restore, when training diverges; null when none can.</summary>
    public int? RestorableEpoch { get; set; }

    /// <summary>The strength of the batch augmentation in the current epoch (see <see cref="RegularizedCnnOptions.AugmentationStrength"/>);
    /// null without batch augmentation.</summary>
    public double? AugmentationStrength { get; set; }

    /// <summary>What callbacks observed that the training report should say (<see cref="TrainingReport.Notes"/>).</summary>
    public List<string> Notes { get; } = [];
}
