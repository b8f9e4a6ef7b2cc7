using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>
/// The input rows with the augmented columns added, one per step; each cursor (set) that reads an augmented column is one
/// pass of the steps up to that column, each step with its own draws.
/// </summary>
/// <remarks>
/// Steps appended one after another, each reading the column the one before writes, share one view: a row's image is
/// read once, runs through the steps on float buffers and is written once, where a view per step would convert an
/// <c>MLImage</c> to floats and back, and allocate a new image, at every step. The result is the same bit for bit: each
/// step draws from its own seed, pass number and probability as it would alone, and between two steps on an <c>MLImage</c>
/// column the pixels are rounded to the 8-bit values a step's image would hold (<see cref="ImagePixels.RoundToEightBit"/>).
/// The schema is that of the views one per step: every step's column, the earlier ones hidden by the later.
/// </remarks>
internal sealed class AugmentedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ImageAugmentationTransformer[] _steps;
    private readonly DataViewSchema.Column _source;

    private AugmentedDataView(IDataView input, ImageAugmentationTransformer[] steps)
    {
        _input = input;
        _steps = steps;
        _source = input.Schema[steps[0].InputColumnName];
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input.Schema);
        foreach (var step in steps) builder.AddColumn(step.OutputColumnName, step.OutputType);
        Schema = builder.ToSchema();
    }

    /// <summary>The rows of <paramref name="input"/> with <paramref name="transformer"/>'s column added: one more step of
    /// <paramref name="input"/>'s view when it is an augmented view whose last step writes the column the transformer reads.</summary>
    public static AugmentedDataView Create(IDataView input, ImageAugmentationTransformer transformer) =>
        input is AugmentedDataView prior && input.Schema[transformer.InputColumnName].Index == input.Schema.Count - 1
            ? new AugmentedDataView(prior._input, [.. prior._steps, transformer])
            : new AugmentedDataView(input, [transformer]);

    public DataViewSchema Schema { get; }

    public bool CanShuffle => _input.CanShuffle;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        GetRowCursorSet(columnsNeeded, 1, rand)[0];

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        int first = _input.Schema.Count;
        // Reading step k's column runs steps 0 to k: the steps up to the last column read are active.
        int active = needed.Select(c => c.Index - first + 1).Append(0).Max();
        var inputColumns = needed.Where(c => c.Index < first).Select(c => _input.Schema[c.Index]);
        if (active > 0) inputColumns = inputColumns.Append(_source);
        // A step that runs takes its next pass number, the last step first, as views one per step would; a cursor that
        // reads no augmented column draws nothing, so it takes no pass number (a row count, say).
        var passes = new long[active];
        for (int k = active - 1; k >= 0; k--) passes[k] = _steps[k].NextPass();
        return _input.GetRowCursorSet(inputColumns.Distinct(), n, rand)
            .Select(cursor => (DataViewRowCursor)new Cursor(this, cursor, passes)).ToArray();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly AugmentedDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly long[] _passes;
        private readonly ValueGetter<DataViewRowId> _readId;

        public Cursor(AugmentedDataView view, DataViewRowCursor input, long[] passes)
        {
            _view = view;
            _input = input;
            _passes = passes;
            _readId = input.GetIdGetter();
        }

        public override DataViewSchema Schema => _view.Schema;
        public override long Position => _input.Position;
        public override long Batch => _input.Batch;
        public override bool MoveNext() => _input.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        private int First => _view._input.Schema.Count;

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index >= First ? column.Index - First < _passes.Length : _input.IsColumnActive(_view._input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < First) return _input.GetGetter<TValue>(_view._input.Schema[column.Index]);
            int steps = column.Index - First + 1;
            if (steps > _passes.Length) throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            return (ValueGetter<TValue>)(_view._source.Type is ImageDataViewType ? (Delegate)ImageGetter(steps) : VectorGetter(steps));
        }

        /// <summary>The current row's generators, one per step (see <see cref="Transforms.RowRandom"/>).</summary>
        private Random RowRandom(int step, in DataViewRowId id) =>
            Transforms.RowRandom.Create(_view._steps[step].Seed, _passes[step], id.Low, id.High);

        private DataViewRowId RowId()
        {
            var id = default(DataViewRowId);
            _readId(ref id);
            return id;
        }

        /// <summary>Runs the first <paramref name="steps"/> steps on a pixel vector column, each from the one before's result.</summary>
        private ValueGetter<VBuffer<float>> VectorGetter(int steps)
        {
            var transformers = _view._steps[..steps];
            var readSource = _input.GetGetter<VBuffer<float>>(_view._source);
            var shape = transformers[0].Shape!.Value;
            float[] dense = [];
            // Per step: its result (the last step's goes to the caller's buffer) and its planar buffers for interleaved pixels.
            var results = transformers[..^1].Select(t => new float[t.OutputShape!.Value.Length]).ToArray();
            var scratch = transformers.Select(t => t.Interleaved ? (new float[t.Shape!.Value.Length], new float[t.OutputShape!.Value.Length]) : ([], [])).ToArray();
            var source = default(VBuffer<float>);
            return (ref VBuffer<float> value) =>
            {
                readSource(ref source);
                if (source.Length != shape.Length)
                    throw new InvalidOperationException(
                        $"Row {Position}: column '{_view._source.Name}' has {source.Length} values; expected {shape.Length} ({shape}).");
                // Dense pixels (the usual case) are read where they are and the result written straight into the
                // caller's buffer: no copy per step, which in a chain of steps costs as much as the pixel math.
                ReadOnlySpan<float> pixels = source.IsDense ? source.GetValues() : Densify(source, ref dense);
                var id = RowId();
                for (int k = 0; k < steps - 1; k++)
                {
                    var step = transformers[k];
                    step.Augment(pixels, step.Shape!.Value, step.OutputShape!.Value, results[k], scratch[k], RowRandom(k, id));
                    pixels = results[k];
                }

                var last = transformers[^1];
                var editor = VBufferEditor.Create(ref value, last.OutputShape!.Value.Length);
                last.Augment(pixels, last.Shape!.Value, last.OutputShape!.Value, editor.Values, scratch[^1], RowRandom(steps - 1, id));
                value = editor.Commit();
            };
        }

        private static float[] Densify(in VBuffer<float> source, ref float[] dense)
        {
            if (dense.Length != source.Length) dense = new float[source.Length];
            source.CopyTo(dense);
            return dense;
        }

        /// <summary>Runs the first <paramref name="steps"/> steps on an <c>MLImage</c> column: the image is converted to
        /// floats once, the steps pass it between two buffers, rounded to 8-bit values after each step whose result may
        /// hold others (as an image between two steps would be), and the result becomes one new image.</summary>
        private ValueGetter<MLImage> ImageGetter(int steps)
        {
            var transformers = _view._steps[..steps];
            var readSource = _input.GetGetter<MLImage>(_view._source);
            MLImage source = null!;
            float[] pixels = [], result = [];
            byte[] bytes = [];
            return (ref MLImage value) =>
            {
                readSource(ref source);
                if (source is null)
                {
                    value = null!;
                    return;
                }
                var shape = ImagePixels.ShapeOf(source);
                _ = transformers[0].OutputShapeOf(shape); // a too small image is named before its pixel format is checked
                // Images may differ in size: the buffers are reused while they are large enough.
                Reserve(ref pixels, shape.Length);
                ImagePixels.ToPlanar(source, pixels.AsSpan(0, shape.Length));
                var id = RowId();
                for (int k = 0; k < steps; k++)
                {
                    var step = transformers[k];
                    var outputShape = step.OutputShapeOf(shape);
                    Reserve(ref result, outputShape.Length);
                    Span<float> output = result.AsSpan(0, outputShape.Length);
                    bool applied = step.Augment(pixels.AsSpan(0, shape.Length), shape, outputShape, output, ([], []), RowRandom(k, id));
                    if (applied && k < steps - 1 && !step.KeepsEightBitValues) ImagePixels.RoundToEightBit(output, outputShape);
                    (pixels, result, shape) = (result, pixels, outputShape);
                }

                // A new image per row, never disposed here: a consumer may keep the previous one, and even ML.NET's
                // CreateEnumerable without row reuse hands it back by ref. The finalizer frees the unreferenced ones.
                value = ImagePixels.FromPlanar(pixels.AsSpan(0, shape.Length), shape.Width, shape.Height, ref bytes);
            };
        }

        private static void Reserve(ref float[] buffer, int length)
        {
            if (buffer.Length < length) buffer = new float[length];
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
