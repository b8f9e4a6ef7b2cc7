using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>The input rows with the augmented column added; each cursor (set) that reads the augmented column is one pass with its own draws.</summary>
internal sealed class AugmentedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ImageAugmentationTransformer _transformer;
    private readonly DataViewSchema.Column _source;

    public AugmentedDataView(IDataView input, ImageAugmentationTransformer transformer)
    {
        _input = input;
        _transformer = transformer;
        _source = input.Schema[transformer.InputColumnName];
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input.Schema);
        builder.AddColumn(transformer.OutputColumnName, transformer.OutputType);
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => _input.CanShuffle;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        GetRowCursorSet(columnsNeeded, 1, rand)[0];

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        int output = Schema.Count - 1;
        bool augment = needed.Any(c => c.Index == output);
        var inputColumns = needed.Where(c => c.Index < output).Select(c => _input.Schema[c.Index]);
        if (augment) inputColumns = inputColumns.Append(_source);
        // A cursor that does not read the augmented column draws nothing, so it takes no pass number (a row count, say).
        long pass = augment ? _transformer.NextPass() : -1;
        return _input.GetRowCursorSet(inputColumns.Distinct(), n, rand)
            .Select(cursor => (DataViewRowCursor)new Cursor(this, cursor, augment, pass)).ToArray();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly AugmentedDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly bool _augment;
        private readonly long _pass;
        private readonly ValueGetter<DataViewRowId> _readId;

        public Cursor(AugmentedDataView view, DataViewRowCursor input, bool augment, long pass)
        {
            _view = view;
            _input = input;
            _augment = augment;
            _pass = pass;
            _readId = input.GetIdGetter();
        }

        public override DataViewSchema Schema => _view.Schema;
        public override long Position => _input.Position;
        public override long Batch => _input.Batch;
        public override bool MoveNext() => _input.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == Schema.Count - 1 ? _augment : _input.IsColumnActive(_view._input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < Schema.Count - 1) return _input.GetGetter<TValue>(_view._input.Schema[column.Index]);
            if (!_augment) throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            return (ValueGetter<TValue>)(_view._source.Type is ImageDataViewType ? (Delegate)ImageGetter() : VectorGetter());
        }

        /// <summary>The current row's generator (see <see cref="Transforms.RowRandom"/>).</summary>
        private Random RowRandom()
        {
            var id = default(DataViewRowId);
            _readId(ref id);
            return Transforms.RowRandom.Create(_view._transformer.Seed, _pass, id.Low, id.High);
        }

        private ValueGetter<VBuffer<float>> VectorGetter()
        {
            var transformer = _view._transformer;
            var readSource = _input.GetGetter<VBuffer<float>>(_view._source);
            var shape = transformer.Shape!.Value;
            var outputShape = transformer.OutputShape!.Value;
            float[] dense = [];
            (float[], float[]) scratch = transformer.Interleaved ? (new float[shape.Length], new float[outputShape.Length]) : ([], []);
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
                var editor = VBufferEditor.Create(ref value, outputShape.Length);
                transformer.Augment(pixels, shape, outputShape, editor.Values, scratch, RowRandom());
                value = editor.Commit();
            };
        }

        private static float[] Densify(in VBuffer<float> source, ref float[] dense)
        {
            if (dense.Length != source.Length) dense = new float[source.Length];
            source.CopyTo(dense);
            return dense;
        }

        private ValueGetter<MLImage> ImageGetter()
        {
            var transformer = _view._transformer;
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
                var outputShape = transformer.OutputShapeOf(shape);
                // Images may differ in size: the buffers are reused while the sizes stay the same.
                if (pixels.Length != shape.Length) pixels = new float[shape.Length];
                if (result.Length != outputShape.Length) result = new float[outputShape.Length];
                ImagePixels.ToPlanar(source, pixels);
                transformer.Augment(pixels, shape, outputShape, result, ([], []), RowRandom());
                // A new image per row, never disposed here: a consumer may keep the previous one, and even ML.NET's
                // CreateEnumerable without row reuse hands it back by ref. The finalizer frees the unreferenced ones.
                value = ImagePixels.FromPlanar(result, outputShape.Width, outputShape.Height, ref bytes);
            };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
