namespace MLNet.Regularization.Networks;

/// <summary>
/// The regularizers that are layers of a network: input noise and input dropout after the standardization, dropout after
/// the dense hidden layers (one probability for all, or one per layer), spatial dropout after convolution blocks (active in
/// training only), and batch normalization (folded into the weights for prediction).
/// </summary>
internal sealed record LayerRegularization(double InputNoiseStdDev, double InputDropout, IReadOnlyList<double> Dropout, double SpatialDropout,
    bool BatchNormalization)
{
    /// <summary>The dropout probability after dense hidden layer <paramref name="hiddenLayer"/>.</summary>
    public double DropoutAfter(int hiddenLayer) => Dropout.Count switch
    {
        0 => 0,
        1 => Dropout[0],
        _ => Dropout[hiddenLayer],
    };
}
