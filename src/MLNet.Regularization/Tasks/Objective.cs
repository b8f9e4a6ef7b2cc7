using MLNet.Regularization.Networks;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Training;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tasks;

/// <summary>
/// Everything that differs between binary classification, multiclass classification and regression, in one object per
/// task: the label column, the output size, the loss (hard or soft targets) and the metric in training, and the head of the
/// ONNX graph and the ML.NET columns in scoring. Everything else is shared.
/// </summary>
internal abstract class Objective
{
    /// <summary>The task.</summary>
    public abstract PredictionTask Task { get; }

    /// <summary>Number of network outputs.</summary>
    public abstract int OutputSize { get; }

    public abstract string MetricName { get; }

    public abstract bool HigherMetricIsBetter { get; }

    /// <summary>The label type a user should provide, for error messages.</summary>
    public abstract string ExpectedLabel { get; }

    /// <summary>Whether the training loss smooths the labels, so that it differs from the plain loss.</summary>
    public virtual bool SmoothsLabels => false;

    /// <summary>Whether mixup and CutMix can blend this task's targets.</summary>
    public virtual bool HasSoftTargets => true;

    /// <summary>Whether the hold-out split keeps the class proportions.</summary>
    public virtual bool Stratify => true;

    /// <summary>The objective of a saved network, for scoring (no label smoothing).</summary>
    public static Objective For(PredictionTask task, int outputs) => task switch
    {
        PredictionTask.Binary => new BinaryObjective(0),
        PredictionTask.Multiclass => new MulticlassObjective(outputs, 0),
        PredictionTask.Regression => new RegressionObjective(),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    /// <summary>Whether the label column has the type this task needs.</summary>
    public abstract bool IsLabelType(DataViewType type);

    /// <summary>Reads the current row's label as a float (a class index for classification); NaN marks an invalid label.</summary>
    public abstract Func<float> LabelReader(DataViewRow row, DataViewSchema.Column column);

    /// <summary>Called once with the training labels after reading, before any training.</summary>
    public virtual void CheckLabels(ReadOnlySpan<float> labels, string labelColumn) { }

    /// <summary>The target tensor of a set of labels.</summary>
    public virtual Tensor Targets(float[] labels) => tensor(labels);

    /// <summary>The targets as probabilities that mixup and CutMix can blend: one-hot rows for multiclass, the 0/1 label for binary.</summary>
    public virtual Tensor SoftTargets(Tensor targets) => targets;

    /// <summary>The loss minimized in training (label smoothing included), averaged over the batch; takes hard or soft targets.</summary>
    public abstract Tensor TrainingLoss(Tensor output, Tensor target);

    /// <summary>The plain loss, averaged over the rows.</summary>
    public abstract Tensor Loss(Tensor output, Tensor target);

    /// <summary>A sum over rows from which <see cref="Metric"/> computes the metric; soft targets count for their largest class.</summary>
    public abstract Tensor MetricSum(Tensor output, Tensor target);

    public virtual double Metric(double metricSum, int rows) => metricSum / rows;

    /// <summary>The outputs of the ONNX graph, which <see cref="WriteOnnxHead"/> writes.</summary>
    public virtual string[] OnnxOutputs => [NetworkOnnx.ScoreOutput];

    /// <summary>Writes the head of the ONNX graph: combines the members' logits into <see cref="OnnxOutputs"/>.</summary>
    public abstract void WriteOnnxHead(OnnxGraphBuilder graph, IReadOnlyList<string> logits, Standardization? label);

    /// <summary>The ML.NET steps after the ONNX transform that make the task's standard columns, and the columns they leave to drop.</summary>
    public abstract (IEstimator<ITransformer> Steps, string[] Temporary) ScoringColumns(MLContext mlContext, DataViewSchema.Column? label);

    /// <summary>The task's prediction columns, as ML.NET's evaluators expect them.</summary>
    public abstract IReadOnlyList<string> PredictionColumns { get; }

    /// <summary>A getter of prediction column <paramref name="name"/> at row <paramref name="index"/> of a batch scored at once,
    /// with the values the row-by-row scoring chain computes.</summary>
    public abstract Delegate PredictionGetter(string name, Func<ScoredBatch> batch, Func<int> index);

    /// <summary>Whether a trained network of this task has <paramref name="outputs"/> outputs.</summary>
    public virtual bool HasOutputs(int outputs) => outputs == 1;

    /// <summary>Whether the label is standardized for training and mapped back in the graph's head.</summary>
    public virtual bool StandardizesLabel => false;

    private protected static Exception NotAPrediction(string name) =>
        new ArgumentOutOfRangeException(nameof(name), name, "Not a prediction column.");
}

/// <summary>Binary classification: a Boolean label, one logit, binary cross-entropy.</summary>
internal sealed class BinaryObjective(double labelSmoothing) : Objective
{
    public override PredictionTask Task => PredictionTask.Binary;
    public override bool SmoothsLabels => labelSmoothing > 0;
    public override int OutputSize => 1;
    public override string MetricName => "Accuracy";
    public override bool HigherMetricIsBetter => true;
    public override string ExpectedLabel => "Boolean";

    public override bool IsLabelType(DataViewType type) => type == BooleanDataViewType.Instance;

    public override Func<float> LabelReader(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<bool>(column);
        bool value = false;
        return () => { getter(ref value); return value ? 1f : 0f; };
    }

    public override void CheckLabels(ReadOnlySpan<float> labels, string labelColumn)
    {
        int positives = 0;
        foreach (float y in labels) positives += y > 0.5f ? 1 : 0;
        if (positives == 0 || positives == labels.Length)
            throw new InvalidOperationException(
                $"Label column '{labelColumn}' holds only the class '{positives > 0}': binary classification needs rows of both classes.");
    }

    public override Tensor TrainingLoss(Tensor output, Tensor target) =>
        labelSmoothing > 0
            ? nn.functional.binary_cross_entropy_with_logits(output.squeeze(1), target * (1 - labelSmoothing) + 0.5 * labelSmoothing)
            : Loss(output, target);

    public override Tensor Loss(Tensor output, Tensor target) =>
        nn.functional.binary_cross_entropy_with_logits(output.squeeze(1), target);

    public override Tensor MetricSum(Tensor output, Tensor target) => output.squeeze(1).gt(0).eq(target.gt(0.5)).sum();

    public override string[] OnnxOutputs => [NetworkOnnx.ScoreOutput, NetworkOnnx.ProbabilityOutput];

    public override void WriteOnnxHead(OnnxGraphBuilder g, IReadOnlyList<string> logits, Standardization? label)
    {
        NetworkOnnx.Mean(g, logits, NetworkOnnx.ScoreOutput);
        NetworkOnnx.Mean(g, logits.Select(l => g.Node("Sigmoid", [l])).ToList(), NetworkOnnx.ProbabilityOutput);
        g.Graph.Output.Add(OnnxGraphBuilder.FloatMatrix(NetworkOnnx.ScoreOutput, 1));
        g.Graph.Output.Add(OnnxGraphBuilder.FloatMatrix(NetworkOnnx.ProbabilityOutput, 1));
    }

    public override (IEstimator<ITransformer> Steps, string[] Temporary) ScoringColumns(MLContext mlContext, DataViewSchema.Column? label) =>
        (mlContext.Transforms.CustomMapping(new BinaryScoreMapping().GetMapping(), BinaryScoreMapping.ContractName), OnnxOutputs);

    public override IReadOnlyList<string> PredictionColumns => ["Score", "Probability", "PredictedLabel"];

    public override Delegate PredictionGetter(string name, Func<ScoredBatch> batch, Func<int> index) => name switch
    {
        "Score" => (ValueGetter<float>)((ref float value) => value = batch().Score[index()]),
        "Probability" => (ValueGetter<float>)((ref float value) => value = batch().Probability![index()]),
        "PredictedLabel" => (ValueGetter<bool>)((ref bool value) => value = batch().Probability![index()] > 0.5f),
        _ => throw NotAPrediction(name),
    };
}

/// <summary>Multiclass classification: a key-typed label with K values, K logits, softmax cross-entropy.</summary>
internal sealed class MulticlassObjective(int classes, double labelSmoothing) : Objective
{
    public override PredictionTask Task => PredictionTask.Multiclass;
    public override bool SmoothsLabels => labelSmoothing > 0;
    public override int OutputSize => classes;
    public override string MetricName => "Accuracy";
    public override bool HigherMetricIsBetter => true;
    public override string ExpectedLabel => "a key type (use mlContext.Transforms.Conversion.MapValueToKey)";

    public override bool IsLabelType(DataViewType type) => type is KeyDataViewType;

    public override Func<float> LabelReader(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<uint>(column);
        uint key = 0;
        return () => { getter(ref key); return key == 0 ? float.NaN : key - 1; };
    }

    public override Tensor Targets(float[] labels) => tensor(Array.ConvertAll(labels, y => (long)y));

    public override Tensor SoftTargets(Tensor targets) => nn.functional.one_hot(targets, classes).to(ScalarType.Float32);

    public override Tensor TrainingLoss(Tensor output, Tensor target) => target.dtype == ScalarType.Int64
        ? nn.functional.cross_entropy(output, target, label_smoothing: labelSmoothing)
        : SoftCrossEntropy(output, labelSmoothing > 0 ? target * (1 - labelSmoothing) + labelSmoothing / classes : target);

    public override Tensor Loss(Tensor output, Tensor target) => target.dtype == ScalarType.Int64
        ? nn.functional.cross_entropy(output, target)
        : SoftCrossEntropy(output, target);

    /// <summary>Cross-entropy against class probabilities, as PyTorch's <c>cross_entropy</c> computes it for probability targets.</summary>
    private static Tensor SoftCrossEntropy(Tensor output, Tensor probabilities) =>
        -(probabilities * nn.functional.log_softmax(output, 1)).sum(1).mean();

    public override Tensor MetricSum(Tensor output, Tensor target) =>
        output.argmax(1).eq(target.dtype == ScalarType.Int64 ? target : target.argmax(1)).sum();

    public override void WriteOnnxHead(OnnxGraphBuilder g, IReadOnlyList<string> logits, Standardization? label)
    {
        NetworkOnnx.Mean(g, logits.Select(l => g.Node("Softmax", [l], null, OnnxGraphBuilder.Int("axis", 1))).ToList(), NetworkOnnx.ScoreOutput);
        g.Graph.Output.Add(OnnxGraphBuilder.FloatMatrix(NetworkOnnx.ScoreOutput, classes));
    }

    public override (IEstimator<ITransformer> Steps, string[] Temporary) ScoringColumns(MLContext mlContext, DataViewSchema.Column? label)
    {
        var transforms = mlContext.Transforms;
        var (predictedLabel, temporary) = PredictedLabelMapping.Create(mlContext, label!.Value, ScoringPipeline.PredictedIndexColumn, "PredictedLabel");
        var steps = transforms.CopyColumns("Score", NetworkOnnx.ScoreOutput)
            .Append(transforms.CustomMapping(new PredictedClassMapping().GetMapping(), PredictedClassMapping.ContractName))
            .Append(predictedLabel);
        return (steps, [.. OnnxOutputs, .. temporary]);
    }

    public override IReadOnlyList<string> PredictionColumns => ["Score", "PredictedLabel"];

    public override bool HasOutputs(int outputs) => outputs > 0;

    public override Delegate PredictionGetter(string name, Func<ScoredBatch> batch, Func<int> index) => name switch
    {
        "Score" => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, classes);
            batch().Score.AsSpan(index() * classes, classes).CopyTo(editor.Values);
            value = editor.Commit();
        }),
        "PredictedLabel" => (ValueGetter<uint>)((ref uint value) => value = ArgMax(batch().Score.AsSpan(index() * classes, classes)) + 1),
        _ => throw NotAPrediction(name),
    };

    /// <summary>The index of the largest score, the first one on ties (as the row-by-row chain picks it).</summary>
    private static uint ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return (uint)best;
    }
}

/// <summary>Regression: a float label (standardized for training), one output, mean squared error.</summary>
internal sealed class RegressionObjective : Objective
{
    /// <summary>Standard deviation the labels were divided by, to report the metric in label units.</summary>
    public double LabelScale { get; set; } = 1;

    public override PredictionTask Task => PredictionTask.Regression;
    public override int OutputSize => 1;
    public override string MetricName => "RootMeanSquaredError";
    public override bool HigherMetricIsBetter => false;
    public override string ExpectedLabel => "Single (float)";
    public override bool HasSoftTargets => false;
    public override bool Stratify => false;

    public override bool IsLabelType(DataViewType type) => type == NumberDataViewType.Single;

    public override Func<float> LabelReader(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<float>(column);
        float value = 0;
        return () => { getter(ref value); return value; };
    }

    public override Tensor TrainingLoss(Tensor output, Tensor target) => Loss(output, target);

    public override Tensor Loss(Tensor output, Tensor target) => nn.functional.mse_loss(output.squeeze(1), target);

    public override Tensor MetricSum(Tensor output, Tensor target) => (output.squeeze(1) - target).square().sum();

    public override double Metric(double metricSum, int rows) => Math.Sqrt(metricSum / rows) * LabelScale;

    public override void WriteOnnxHead(OnnxGraphBuilder g, IReadOnlyList<string> logits, Standardization? label)
    {
        var mean = NetworkOnnx.Mean(g, logits, null);
        var scaled = g.Node("Mul", [mean, g.Constant(NetworkOnnx.LabelScale, label!.Scale, 1)]);
        g.Node("Add", [scaled, g.Constant(NetworkOnnx.LabelMean, label.Mean, 1)], NetworkOnnx.ScoreOutput);
        g.Graph.Output.Add(OnnxGraphBuilder.FloatMatrix(NetworkOnnx.ScoreOutput, 1));
    }

    public override (IEstimator<ITransformer> Steps, string[] Temporary) ScoringColumns(MLContext mlContext, DataViewSchema.Column? label) =>
        (mlContext.Transforms.CustomMapping(new RegressionScoreMapping().GetMapping(), RegressionScoreMapping.ContractName), OnnxOutputs);

    public override IReadOnlyList<string> PredictionColumns => ["Score"];

    public override bool StandardizesLabel => true;

    public override Delegate PredictionGetter(string name, Func<ScoredBatch> batch, Func<int> index) => name == "Score"
        ? (ValueGetter<float>)((ref float value) => value = batch().Score[index()])
        : throw NotAPrediction(name);
}
