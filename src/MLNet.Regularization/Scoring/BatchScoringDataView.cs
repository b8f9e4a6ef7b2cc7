using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// The output of <see cref="RegularizedNetworkModel.Transform"/>: the scoring chain's schema and pass-through columns, with the
/// prediction columns computed by running the ONNX graph on batches of rows instead of one row at a time. A second,
/// look-ahead cursor reads the features of the next batch; the values are bit-identical to the row-by-row chain, which
/// still serves shuffled cursors, <c>GetRowToRowMapper</c> and <c>PredictionEngine</c>.
/// </summary>
internal sealed class BatchScoringDataView(IDataView input, IDataView scored, BatchScorer scorer) : IDataView
{
    public DataViewSchema Schema => scored.Schema;

    public bool CanShuffle => scored.CanShuffle;

    public long? GetRowCount() => scored.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var predictions = needed.Where(c => scorer.IsPrediction(c)).ToArray();
        if (predictions.Length == 0 || rand is not null) return scored.GetRowCursor(needed, rand);
        var passThrough = scored.GetRowCursor(needed.Except(predictions));
        var features = input.Schema[scorer.FeatureColumnName];
        return new Cursor(passThrough, input.GetRowCursor([features]), features, scorer, predictions);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _rows;
        private readonly DataViewRowCursor _lookAhead;
        private readonly ValueGetter<VBuffer<float>> _readFeatures;
        private readonly BatchScorer _scorer;
        private readonly HashSet<int> _predictions;
        private readonly float[] _featureBuffer;
        private ScoredBatch? _batch;
        private int _index = -1;
        private VBuffer<float> _vector;

        public Cursor(DataViewRowCursor rows, DataViewRowCursor lookAhead, DataViewSchema.Column features, BatchScorer scorer,
            IEnumerable<DataViewSchema.Column> predictions)
        {
            _rows = rows;
            _lookAhead = lookAhead;
            _readFeatures = lookAhead.GetGetter<VBuffer<float>>(features);
            _scorer = scorer;
            _predictions = predictions.Select(c => c.Index).ToHashSet();
            _featureBuffer = new float[BatchScorer.BatchSize * scorer.FeatureCount];
        }

        public override DataViewSchema Schema => _rows.Schema;
        public override long Position => _rows.Position;
        public override long Batch => _rows.Batch;

        public override bool IsColumnActive(DataViewSchema.Column column) => _predictions.Contains(column.Index) || _rows.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _rows.GetIdGetter();

        public override bool MoveNext()
        {
            if (!_rows.MoveNext()) return false;
            if (_batch is null || ++_index == _batch.Rows) NextBatch();
            return true;
        }

        private void NextBatch()
        {
            int d = _scorer.FeatureCount, rows = 0;
            while (rows < BatchScorer.BatchSize && _lookAhead.MoveNext())
            {
                _readFeatures(ref _vector);
                _vector.CopyTo(_featureBuffer.AsSpan(rows * d, d));
                rows++;
            }
            if (rows == 0) throw new InvalidOperationException("The feature cursor ended before the row cursor.");
            _batch = _scorer.Score(_featureBuffer.AsMemory(0, rows * d), rows);
            _index = 0;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            _predictions.Contains(column.Index)
                ? _scorer.Getter<TValue>(column.Name, () => _batch!, () => _index)
                : _rows.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rows.Dispose();
                _lookAhead.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
