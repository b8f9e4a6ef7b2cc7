namespace MLNet.Regularization;

/// <summary>The gradient-descent algorithm that updates the network's parameters.</summary>
public enum Optimizer
{
    /// <summary>Stochastic gradient descent with <see cref="RegularizedMlpOptions.Momentum"/> and optional <see cref="RegularizedMlpOptions.Nesterov"/> momentum.</summary>
    Sgd,
    /// <summary>Adam (Kingma and Ba).</summary>
    Adam,
    /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter); the decay is <see cref="RegularizedMlpOptions.WeightDecay"/>.</summary>
    AdamW,
    /// <summary>RMSprop with <see cref="RegularizedMlpOptions.Momentum"/>.</summary>
    RmsProp,
}
