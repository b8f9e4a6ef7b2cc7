namespace MLNet.Regularization;

/// <summary>How a trainer scales the features before the network (statistics from the training rows, kept with the model,
/// part of its ONNX graph, applied at prediction), so that no normalizer is needed in front of it.</summary>
public enum FeatureScaling
{
    /// <summary>Each feature to zero mean and unit variance (a CNN: each channel). For regression the label is standardized
    /// the same way and the prediction mapped back.</summary>
    Standard,

    /// <summary>For tables (Holzmüller et al. 2024, RealMLP): each feature centred on its median and divided by its
    /// interquartile range (half its full range when that is 0), then clipped smoothly to about ±3 with
    /// <c>z / sqrt(1 + (z / 3)²)</c>, so that outliers and heavy tails neither dominate nor saturate the network. Columns
    /// with two values (one-hot and other binary columns) are only mapped to 0 and 1, not centred or clipped. The
    /// regression label is standardized as with <see cref="Standard"/>.</summary>
    Robust,

    /// <summary>Features, and the regression label, as given.</summary>
    None,
}
