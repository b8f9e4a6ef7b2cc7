namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>How a geometric operation samples the source image between pixel centers.</summary>
public enum Interpolation
{
    /// <summary>
    /// The nearest source pixel. For <see cref="ImageFunctions.Rotate"/> the source coordinate is rounded half to
    /// even (as <c>torch.nn.functional.grid_sample</c>); for resizing it is <c>floor(dst * in / out)</c>
    /// (as PyTorch's <c>"nearest"</c> mode).
    /// </summary>
    Nearest = 0,

    /// <summary>Bilinear interpolation of the four surrounding pixels.</summary>
    Bilinear = 1,
}
