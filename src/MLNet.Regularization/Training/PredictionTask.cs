using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>What differs between binary classification, multiclass classification and regression during training:
/// the label column, the output size, the loss and the metric. Everything else is shared.</summary>
internal abstract class PredictionTask
{
    /// <summary>Number of network outputs.</summary>
    public abstract int OutputSize { get; }

    public abstract string MetricName { get; }

    public abstract bool HigherMetricIsBetter { get; }

    /// <summary>The label type a user should provide, for error messages.</summary>
    public abstract string ExpectedLabel { get; }

    /// <summary>Whether the label column has the type this task needs.</summary>
    public abstract bool IsLabelType(DataViewType type);

    /// <summary>Reads the current row's label as a float (a class index for classification); NaN marks an invalid label.</summary>
    public abstract Func<float> LabelReader(DataViewRow row, DataViewSchema.Column column);

    /// <summary>Called once with the training labels after reading, before any training.</summary>
    public virtual void CheckLabels(ReadOnlySpan<float> labels, string labelColumn) { }

    /// <summary>The target tensor of a set of labels.</summary>
    public virtual Tensor Targets(float[] labels) => tensor(labels);

    /// <summary>The loss minimized in training (label smoothing included), averaged over the batch.</summary>
    public abstract Tensor TrainingLoss(Tensor output, Tensor target);

    /// <summary>The plain loss, averaged over the rows.</summary>
    public abstract Tensor Loss(Tensor output, Tensor target);

    /// <summary>A sum over rows from which <see cref="Metric"/> computes the metric.</summary>
    public abstract Tensor MetricSum(Tensor output, Tensor target);

    public abstract double Metric(double metricSum, int rows);
}

/// <summary>Binary classification: a Boolean label, one logit, binary cross-entropy.</summary>
internal sealed class BinaryTask(double labelSmoothing) : PredictionTask
{
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

    public override double Metric(double metricSum, int rows) => metricSum / rows;
}

/// <summary>Multiclass classification: a key-typed label with K values, K logits, softmax cross-entropy.</summary>
internal sealed class MulticlassTask(int classes, double labelSmoothing) : PredictionTask
{
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

    public override Tensor TrainingLoss(Tensor output, Tensor target) =>
        nn.functional.cross_entropy(output, target, label_smoothing: labelSmoothing);

    public override Tensor Loss(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);

    public override Tensor MetricSum(Tensor output, Tensor target) => output.argmax(1).eq(target).sum();

    public override double Metric(double metricSum, int rows) => metricSum / rows;
}

/// <summary>Regression: a float label (standardized for training), one output, mean squared error.</summary>
internal sealed class RegressionTask : PredictionTask
{
    /// <summary>Standard deviation the labels were divided by, to report the metric in label units.</summary>
    public double LabelScale { get; set; } = 1;

    public override int OutputSize => 1;
    public override string MetricName => "RootMeanSquaredError";
    public override bool HigherMetricIsBetter => false;
    public override string ExpectedLabel => "Single (float)";

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
}
