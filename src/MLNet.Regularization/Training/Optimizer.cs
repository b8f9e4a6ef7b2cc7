namespace MLNet.Regularization;

/// <summary>The gradient-descent algorithm that updates the network's parameters.</summary>
public enum Optimizer
{
    /// <summary>Stochastic gradient descent with <see cref="RegularizedMlpOptions.Momentum"/> and optional <see cref="RegularizedMlpOptions.Nesterov"/> momentum.</summary>
    Sgd,
    /// <summary>Adam (Kingma and Ba). Like every optimizer here it applies <see cref="RegularizedMlpOptions.WeightDecay"/> decoupled,
    /// after the step, so with a decay above 0 it is the same as <see cref="AdamW"/>; set the decay to 0 for plain Adam.</summary>
    Adam,
    /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter), the decay being <see cref="RegularizedMlpOptions.WeightDecay"/>
    /// applied to the weight matrices (not biases).</summary>
    AdamW,
    /// <summary>RMSprop with <see cref="RegularizedMlpOptions.Momentum"/>.</summary>
    RmsProp,
}
