namespace MLNet.Regularization;

/// <summary>The gradient-descent algorithm that updates the network's parameters.</summary>
public enum Optimizer
{
    /// <summary>Stochastic gradient descent with <see cref="RegularizedTrainerOptions.Momentum"/> and optional <see cref="RegularizedTrainerOptions.Nesterov"/> momentum;
    /// <see cref="RegularizedTrainerOptions.WeightDecay"/> is decoupled.</summary>
    Sgd,
    /// <summary>Adam (Kingma and Ba) with classic, coupled weight decay, as <c>torch.optim.Adam(weight_decay)</c>:
    /// <see cref="RegularizedTrainerOptions.WeightDecay"/> times each weight (weight matrices only, not biases) is added to its gradient
    /// before the step, so the decay is scaled by Adam's per-weight step sizes; the same as <see cref="RegularizedTrainerOptions.L2"/> =
    /// WeightDecay / 2.</summary>
    Adam,
    /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter), as <c>torch.optim.AdamW</c>: after each step the weight
    /// matrices (not biases) are multiplied by <c>1 - learningRate * </c><see cref="RegularizedTrainerOptions.WeightDecay"/>, apart from
    /// Adam's gradient scaling.</summary>
    AdamW,
    /// <summary>RMSprop with <see cref="RegularizedTrainerOptions.Momentum"/>; <see cref="RegularizedTrainerOptions.WeightDecay"/> is decoupled.</summary>
    RmsProp,
}
