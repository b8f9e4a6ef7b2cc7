using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLNet.Regularization.Tasks;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Runs the network's ONNX graph on a batch of rows with ONNX Runtime and serves the task's prediction columns
/// (Score, Probability, PredictedLabel) from the result, computed as the row-by-row scoring chain computes them.
/// </summary>
internal sealed class BatchScorer : IDisposable
{
    public const int BatchSize = 1024;

    private readonly Lazy<InferenceSession> _session;
    private readonly TrainedNetwork _network;
    private readonly Objective _objective;

    public BatchScorer(TrainedNetwork network, string featureColumnName)
    {
        _network = network;
        _objective = network.Objective;
        FeatureColumnName = featureColumnName;
        _session = new(() => new InferenceSession(network.ToOnnxBytes(featureColumnName)));
    }

    public string FeatureColumnName { get; }

    /// <summary>How many batches the network has scored (for tests).</summary>
    internal int BatchesScored => _batchesScored;

    private int _batchesScored;

    public int FeatureCount => _network.FeatureCount;

    /// <summary>Whether <paramref name="column"/> is one of the task's prediction columns, which this scorer computes.</summary>
    public bool IsPrediction(DataViewSchema.Column column) => !column.IsHidden && _objective.PredictionColumns.Contains(column.Name);

    public ScoredBatch Score(ReadOnlyMemory<float> features, int rows)
    {
        var input = NamedOnnxValue.CreateFromTensor(FeatureColumnName, new DenseTensor<float>(MemoryMarshal.AsMemory(features), [rows, FeatureCount]));
        using var results = _session.Value.Run([input]);
        Interlocked.Increment(ref _batchesScored);
        float[] Output(string name) => results.Single(r => r.Name == name).AsTensor<float>().ToArray();
        return new ScoredBatch(rows, Output(NetworkOnnx.ScoreOutput),
            _objective.OnnxOutputs.Contains(NetworkOnnx.ProbabilityOutput) ? Output(NetworkOnnx.ProbabilityOutput) : null);
    }

    /// <summary>A getter of prediction column <paramref name="name"/> at the current row of the current batch.</summary>
    public ValueGetter<TValue> Getter<TValue>(string name, Func<ScoredBatch> batch, Func<int> index) =>
        _objective.PredictionGetter(name, batch, index) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{name}' is not of type {typeof(TValue).Name}.");

    public void Dispose()
    {
        if (_session.IsValueCreated) _session.Value.Dispose();
    }
}

/// <summary>The ONNX outputs of one batch: "score" [rows, outputs] and, for binary classification, "probability" [rows, 1].</summary>
internal sealed record ScoredBatch(int Rows, float[] Score, float[]? Probability);
