using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// A fitted augmentation: adds the augmented pixel column to the rows it transforms. Meant for training data only
/// (append it with <c>TransformerScope.Training</c>): its scoring form is the identity, which is what
/// <see cref="GetRowToRowMapper"/> (and so a <c>PredictionEngine</c>) uses and what <c>mlContext.Model.Save</c> writes;
/// a transform that sets another image size has none (see <see cref="HasScoringForm"/>).
/// </summary>
/// <remarks>
/// Randomness: each row's draws come from a generator seeded by the seed, the pass number and the row's id. So the same
/// seed and data give the same augmented rows, also when ML.NET splits the rows over parallel cursors; each new cursor
/// (or cursor set) that reads the augmented column is a new pass with fresh draws, numbered in the order cursors are created,
/// so a multi-pass trainer sees new variants every epoch and the whole sequence is reproducible from the seed.
/// </remarks>
public sealed class ImageAugmentationTransformer : ITransformer
{
    private readonly IImageAugmentation _augmentation;
    private readonly ITransformer _identity;
    private long _passes;

    internal ImageAugmentationTransformer(IImageAugmentation augmentation, ImageAugmentationOptions options, string inputColumnName,
        DataViewType columnType, ImageShape? shape, DataViewType outputType, ImageShape? outputShape, ITransformer identity)
    {
        _augmentation = augmentation;
        _identity = identity;
        OutputColumnName = options.OutputColumnName;
        InputColumnName = inputColumnName;
        ColumnType = columnType;
        Shape = shape;
        OutputType = outputType;
        OutputShape = outputShape;
        Interleaved = options.Interleaved;
        Probability = options.Probability;
        Seed = options.Seed;
    }

    /// <summary>The column the augmented pixels are written to.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column the pixels are read from.</summary>
    public string InputColumnName { get; }

    /// <summary>The image shape of the pixel vectors the transform was fitted for; <see langword="null"/> for an <c>MLImage</c>
    /// column, whose images may differ in size (they are augmented as RGB values in [0, 1] and written back as opaque BGRA).</summary>
    public ImageShape? Shape { get; }

    /// <summary>The image shape of the augmented pixel vectors: <see cref="Shape"/> unless the transform sets another size
    /// (<see cref="RandomCropOptions.Height"/>, <see cref="RandomResizedCropOptions.Height"/>); <see langword="null"/> for an <c>MLImage</c> column.</summary>
    public ImageShape? OutputShape { get; }

    /// <summary>
    /// Whether the transform has a scoring form, the identity: when it keeps the image size. A transform that sets another
    /// size has none; it belongs in the pipeline with <c>TransformerScope.Training</c>, next to a step that brings scoring
    /// images to the same size (such as <c>ResizeImages</c>) with <c>TransformerScope.Scoring</c>.
    /// </summary>
    public bool HasScoringForm => OutputType.Equals(ColumnType) && (Shape is not null || _augmentation.FixedSize is null);

    /// <summary>Whether the pixels are interleaved (height, width, channels).</summary>
    public bool Interleaved { get; }

    /// <summary>The probability that a row is augmented.</summary>
    public double Probability { get; }

    /// <summary>The seed of the random draws.</summary>
    public int Seed { get; }

    internal DataViewType ColumnType { get; }

    internal DataViewType OutputType { get; }

    /// <summary>The number of passes drawn so far: cursors (or cursor sets) opened over transformed data that read the augmented column.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    internal long NextPass() => Interlocked.Increment(ref _passes) - 1;

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        if (HasScoringForm) return _identity.GetOutputSchema(Check(inputSchema));
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(Check(inputSchema));
        builder.AddColumn(OutputColumnName, OutputType);
        return builder.ToSchema();
    }

    /// <summary>The scoring form: the identity (augmentation runs on training data only).</summary>
    /// <exception cref="InvalidOperationException">The transform sets another image size, so it has no scoring form (see <see cref="HasScoringForm"/>).</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        RequireScoringForm();
        return _identity.GetRowToRowMapper(Check(inputSchema));
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        Check(input.Schema);
        return AugmentedDataView.Create(input, this);
    }

    /// <summary>Saves the scoring form, the identity: a loaded model does not augment. A transform that sets another image
    /// size has no scoring form and throws <see cref="InvalidOperationException"/> (see <see cref="HasScoringForm"/>).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        RequireScoringForm();
        _identity.Save(ctx);
    }

    private void RequireScoringForm()
    {
        if (!HasScoringForm)
            throw new InvalidOperationException(
                $"The augmentation of column '{InputColumnName}' sets another image size ({OutputType}), so it has no scoring form: append it with " +
                "TransformerScope.Training, with a step that brings scoring images to the same size (such as ResizeImages) appended with " +
                "TransformerScope.Scoring, and score or save model.GetModelFor(TransformerScope.Scoring).");
    }

    /// <summary>The shape an image of <paramref name="input"/> comes out at; throws naming the column if it is too small.</summary>
    internal ImageShape OutputShapeOf(ImageShape input) => _augmentation.OutputShape(input, InputColumnName);

    /// <summary>Whether the result of pixels on 8-bit levels is on 8-bit levels too (see <see cref="IImageAugmentation.KeepsEightBitValues"/>).</summary>
    internal bool KeepsEightBitValues => _augmentation.KeepsEightBitValues;

    /// <summary>Augments one row: <paramref name="pixels"/> in, <paramref name="result"/> (of <paramref name="outputShape"/>) out;
    /// <paramref name="scratch"/> holds planar buffers of the input's and the output's size for interleaved pixels.
    /// Returns whether the augmentation ran (else the pixels were copied).</summary>
    internal bool Augment(ReadOnlySpan<float> pixels, ImageShape shape, ImageShape outputShape, Span<float> result, (float[] In, float[] Out) scratch, Random random)
    {
        if (random.NextDouble() >= Probability)
        {
            pixels.CopyTo(result);
            return false;
        }
        if (!Interleaved)
        {
            _augmentation.Apply(pixels, shape, result, random);
            return true;
        }
        ImageLayout.ToPlanar(pixels, shape, scratch.In);
        _augmentation.Apply(scratch.In, shape, scratch.Out, random);
        ImageLayout.ToInterleaved(scratch.Out, outputShape, result);
        return true;
    }

    private DataViewSchema Check(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(InputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"The input has no pixel column '{InputColumnName}'.");
        if (!column.Type.Equals(ColumnType))
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Pixel column '{InputColumnName}' is {column.Type}; the transform was fitted for {ColumnType}.");
        return schema;
    }
}
