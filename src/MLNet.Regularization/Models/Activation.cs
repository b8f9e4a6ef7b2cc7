namespace MLNet.Regularization;

/// <summary>The nonlinearity applied after each hidden layer of a <see cref="RegularizedMlpOptions"/> network.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    ReLU,
    /// <summary>x for x &gt; 0, 0.01x otherwise.</summary>
    LeakyReLU,
    /// <summary>x for x &gt; 0, exp(x) - 1 otherwise.</summary>
    ELU,
    /// <summary>Gaussian error linear unit, x * Phi(x) (the exact, erf-based form).</summary>
    GELU,
    /// <summary>x * sigmoid(x), also called swish.</summary>
    SiLU,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,
}
