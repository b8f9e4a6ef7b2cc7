namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>How <see cref="ImageFunctions.Crop"/> fills the part of a crop box that lies outside the image.</summary>
public enum PaddingMode
{
    /// <summary>No padding: the crop box must lie inside the image.</summary>
    None = 0,

    /// <summary>Pixels outside the image take a constant fill value (torchvision <c>padding_mode="constant"</c>).</summary>
    Constant = 1,

    /// <summary>
    /// Pixels outside the image mirror the image without repeating the edge pixel: along a row
    /// <c>[a b c d]</c> extends to <c>c b [a b c d] c b</c> (torchvision and NumPy <c>padding_mode="reflect"</c>).
    /// Beyond one image size the reflection repeats periodically; a dimension of size 1 repeats its single pixel.
    /// </summary>
    Reflect = 2,
}
