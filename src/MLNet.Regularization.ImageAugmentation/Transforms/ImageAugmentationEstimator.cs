using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// The estimator of an augmentation transform: checks the pixel column (an <c>MLImage</c> column, or a vector of Single
/// with three dimensions as <c>ExtractPixels</c> makes it) and, for pixel vectors, fixes the image shape from its dimensions.
/// Create it from <c>mlContext.Transforms.Augment()</c>.
/// </summary>
public sealed class ImageAugmentationEstimator : IEstimator<ImageAugmentationTransformer>
{
    private readonly IImageAugmentation _augmentation;
    private readonly ImageAugmentationOptions _options;
    private readonly TransformsCatalog _transforms;

    internal ImageAugmentationEstimator(IImageAugmentation augmentation, ImageAugmentationOptions options, TransformsCatalog transforms)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputColumnName))
            throw new ArgumentOutOfRangeException(nameof(options), "Option OutputColumnName must name a column.");
        if (!(options.Probability >= 0 && options.Probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.Probability, $"Option Probability must be in [0, 1]; got {options.Probability}.");
        _augmentation = augmentation;
        _options = options;
        _transforms = transforms;
    }

    private string InputColumnName => _options.InputColumnName ?? _options.OutputColumnName;

    /// <summary>The operation, for compositions (<c>OneOf</c>, <c>RandomOrder</c>).</summary>
    internal IImageAugmentation Augmentation => _augmentation;

    /// <summary>The probability that the operation applies to a row.</summary>
    internal double Probability => _options.Probability;

    /// <inheritdoc/>
    public ImageAugmentationTransformer Fit(IDataView input)
    {
        var column = input.Schema.GetColumnOrNull(InputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"The input has no pixel column '{InputColumnName}'.");
        ImageShape? shape = column.Type is ImageDataViewType ? null : ShapeOf(column.Type, InputColumnName, _options.Interleaved);
        _augmentation.Check(shape ?? new ImageShape(3, 1, 1), InputColumnName);
        ImageShape? outputShape = shape is ImageShape known ? _augmentation.OutputShape(known, InputColumnName) : null;
        DataViewType outputType = outputShape is ImageShape output ? VectorOf(output, _options.Interleaved)
            : _augmentation.FixedSize is var (height, width) ? new ImageDataViewType(height, width) : column.Type;
        var identity = _transforms.CopyColumns(_options.OutputColumnName, InputColumnName).Fit(input);
        return new ImageAugmentationTransformer(_augmentation, _options, InputColumnName, column.Type, shape, outputType, outputShape, identity);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == InputColumnName);
        if (column.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The input has no pixel column '{InputColumnName}'.");
        bool pixels = column.Kind == SchemaShape.Column.VectorKind.Vector && column.ItemType == NumberDataViewType.Single;
        bool image = column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType is ImageDataViewType;
        if (!pixels && !image)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Pixel column '{InputColumnName}' must be an MLImage column or a known-size vector of Single (as ExtractPixels makes it).");
        var transforms = _transforms;
        return image && _augmentation.FixedSize is var (height, width)
            ? transforms.ResizeImages(_options.OutputColumnName, width, height, InputColumnName).GetOutputSchema(inputSchema) // an image of the set size
            : transforms.CopyColumns(_options.OutputColumnName, InputColumnName).GetOutputSchema(inputSchema);
    }

    private static VectorDataViewType VectorOf(ImageShape shape, bool interleaved) => interleaved
        ? new VectorDataViewType(NumberDataViewType.Single, shape.Height, shape.Width, shape.Channels)
        : new VectorDataViewType(NumberDataViewType.Single, shape.Channels, shape.Height, shape.Width);

    /// <summary>The image shape of a pixel column: a vector of Single with dimensions (channels, height, width), or
    /// (height, width, channels) when interleaved.</summary>
    internal static ImageShape ShapeOf(DataViewType type, string column, bool interleaved)
    {
        if (type is not VectorDataViewType { ItemType: var item, Dimensions: var dims } || item != NumberDataViewType.Single || dims.Length != 3 || dims.Any(d => d <= 0))
            throw new ArgumentOutOfRangeException(nameof(type),
                $"Pixel column '{column}' is {type}; expected a vector of Single with three known dimensions, as ExtractPixels makes it " +
                "(channels, height, width; or height, width, channels with Interleaved = true).");
        return interleaved ? new ImageShape(dims[2], dims[0], dims[1]) : new ImageShape(dims[0], dims[1], dims[2]);
    }
}
