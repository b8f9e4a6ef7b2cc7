using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

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

    public BatchScorer(TrainedNetwork network, string featureColumnName)
    {
        _network = network;
        FeatureColumnName = featureColumnName;
        _session = new(() => new InferenceSession(network.ToOnnxBytes(featureColumnName)));
    }

    public string FeatureColumnName { get; }

    /// <summary>How many batches the network has scored (for tests).</summary>
    internal int BatchesScored => _batchesScored;

    private int _batchesScored;

    public int FeatureCount => _network.FeatureCount;

    private int Outputs => _network.OutputCount;

    public bool IsPrediction(DataViewSchema.Column column) => !column.IsHidden && column.Name switch
    {
        "Score" => true,
        "Probability" or "PredictedLabel" => _network.Task != PredictionTask.Regression,
        _ => false,
    };

    /// <summary>The ONNX outputs of one batch: "score" [rows, outputs] and, for binary classification, "probability" [rows, 1].</summary>
    public sealed record Batch(int Rows, float[] Score, float[]? Probability);

    public Batch Score(ReadOnlyMemory<float> features, int rows)
    {
        var input = NamedOnnxValue.CreateFromTensor(FeatureColumnName, new DenseTensor<float>(MemoryMarshal.AsMemory(features), [rows, FeatureCount]));
        using var results = _session.Value.Run([input]);
        Interlocked.Increment(ref _batchesScored);
        float[] Output(string name) => results.Single(r => r.Name == name).AsTensor<float>().ToArray();
        return new Batch(rows, Output(NetworkOnnx.ScoreOutput),
            _network.Task == PredictionTask.Binary ? Output(NetworkOnnx.ProbabilityOutput) : null);
    }

    /// <summary>A getter of prediction column <paramref name="name"/> at the current row of the current batch.</summary>
    public ValueGetter<TValue> Getter<TValue>(string name, Func<Batch> batch, Func<int> index)
    {
        Delegate getter = (name, _network.Task) switch
        {
            ("Score", PredictionTask.Multiclass) => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, Outputs);
                batch().Score.AsSpan(index() * Outputs, Outputs).CopyTo(editor.Values);
                value = editor.Commit();
            }),
            ("Score", _) => (ValueGetter<float>)((ref float value) => value = batch().Score[index()]),
            ("Probability", _) => (ValueGetter<float>)((ref float value) => value = batch().Probability![index()]),
            ("PredictedLabel", PredictionTask.Binary) => (ValueGetter<bool>)((ref bool value) => value = batch().Probability![index()] > 0.5f),
            ("PredictedLabel", _) => (ValueGetter<uint>)((ref uint value) => value = ArgMax(batch().Score.AsSpan(index() * Outputs, Outputs)) + 1),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a prediction column."),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{name}' is not of type {typeof(TValue).Name}.");
    }

    /// <summary>The index of the largest score, the first one on ties (as the row-by-row chain picks it).</summary>
    private static uint ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return (uint)best;
    }

    public void Dispose()
    {
        if (_session.IsValueCreated) _session.Value.Dispose();
    }
}
