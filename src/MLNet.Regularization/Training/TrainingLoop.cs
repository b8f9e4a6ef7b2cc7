using System.Diagnostics;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Regularization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// The one training loop of the pack: <c>zero_grad -> forward -> loss (+ penalties) -> backward -> step</c> per
/// mini-batch, with each regularizer plugged in at its hook, then validation, learning-rate schedule, best-weight
/// tracking and early stopping per epoch. Each batch runs in its own dispose scope.
/// </summary>
internal sealed class TrainingLoop(RegularizedMlpOptions options, PredictionTask task, IReadOnlyList<IRegularizer> regularizers)
{
    /// <summary>Rows per batch when validation rows are evaluated: 4,096, or fewer for wide rows, so that a batch stays within 64 MB.</summary>
    public static int EvaluationBatchRows(int featureCount) => (int)Math.Clamp((64L << 20) / (featureCount * (long)sizeof(float)), 1, 4096);

    /// <summary>Called after every optimizer step (and its regularizers); lets tests watch the network between steps.</summary>
    internal Action<Network>? AfterStep { get; init; }

    /// <summary>Receives one line per epoch (the trainer routes it to <c>MLContext.Log</c>).</summary>
    internal Action<string>? Log { get; init; }

    /// <summary>Receives a warning when training diverges and the best finite epoch is kept (the trainer routes it to <c>MLContext.Log</c>).</summary>
    internal Action<string>? Warn { get; init; }

    /// <summary>Called before every batch next to <see cref="RegularizedMlpOptions.CancellationToken"/>: throws when the host asks to stop.</summary>
    internal Action? ThrowIfCanceled { get; init; }

    /// <summary>Trains <paramref name="network"/>; with <paramref name="reread"/>, each epoch after the first first reads the training rows afresh.</summary>
    public TrainingReport Run(Network network, RowSet train, RowSet? validation, int member, int seed, int skippedRows,
        Action? reread = null)
    {
        var started = Stopwatch.StartNew();
        using var optimizer = CreateOptimizer(network);
        var scheduler = new LearningRateScheduler(options);
        var stopping = new EarlyStopping(
            task.HigherMetricIsBetter && options.EarlyStoppingMetric == EarlyStoppingMetric.Metric,
            options.EarlyStopping ? options.EarlyStoppingPatience : null,
            options.EarlyStoppingMinDelta);
        var shuffle = new Random(seed);
        var epochs = new List<EpochReport>();
        Dictionary<string, Tensor>? bestWeights = null;
        bool stoppedEarly = false;
        Divergence? diverged = null;
        try
        {
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var epochTimer = Stopwatch.StartNew();
                double learningRate = scheduler.ForEpoch(epoch);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;

                if (reread is not null && epoch > 1)
                {
                    reread();
                    train.Reset();
                }
                train.Shuffle(shuffle);
                var (trainLoss, trainMetric, batches, divergedBatch) = TrainEpoch(network, optimizer, train, learningRate);
                diverged = divergedBatch is int batch ? new Divergence(epoch, batch, "the training loss")
                    : Divergence.FirstNonFiniteState(network) is string state ? new Divergence(epoch, batches, $"'{state}' of the network") : null;
                var (validLoss, validMetric) = validation is null || diverged is not null ? (double.NaN, double.NaN) : Evaluate(network, validation);
                if (diverged is null && validation is not null && !(double.IsFinite(validLoss) && double.IsFinite(validMetric)))
                    diverged = new Divergence(epoch, null, "the validation loss or metric");
                if (diverged is not null)
                {
                    // Only a finite best epoch (early stopping with RestoreBestWeights) can stand in for the diverged weights.
                    if (bestWeights is null) throw diverged.ToException(member, options);
                    Warn?.Invoke($"{(member > 0 ? $"member {member} " : "")}training diverged at {diverged.Where} ({diverged.What} became NaN or infinite); " +
                        $"keeping epoch {stopping.BestEpoch}. A lower LearningRate or GradientClipNorm may avoid it.");
                    break;
                }

                var report = new EpochReport(member, epoch, trainLoss, trainMetric, validLoss, validMetric, learningRate, epochTimer.Elapsed);
                epochs.Add(report);
                options.Progress?.Report(report);
                Log?.Invoke(member > 0 ? $"member {member} {report}" : report.ToString());
                scheduler.EpochEnded(validation is null ? trainLoss : validLoss);

                if (validation is null) continue;
                bool improved = stopping.Update(epoch, options.EarlyStoppingMetric == EarlyStoppingMetric.Loss ? validLoss : validMetric);
                if (improved && options.EarlyStopping && options.RestoreBestWeights)
                {
                    Release(bestWeights);
                    bestWeights = Snapshot(network);
                }
                if (stopping.ShouldStop && epoch < options.Epochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }
            int kept = epochs.Count;
            if (bestWeights is not null)
            {
                network.load_state_dict(bestWeights);
                kept = stopping.BestEpoch;
            }
            network.eval();
            return new TrainingReport(member, task.MetricName, epochs, kept, stoppedEarly, train.Rows, validation?.Rows ?? 0, skippedRows, started.Elapsed, seed, train.Storage, diverged);
        }
        finally
        {
            Release(bestWeights);
        }
    }

    /// <summary>One pass over the batches; stops at the first batch whose loss (with penalties) is not finite and returns its 1-based number.</summary>
    private (double Loss, double Metric, int Batches, int? DivergedBatch) TrainEpoch(Network network, optim.Optimizer optimizer, RowSet train, double learningRate)
    {
        network.train();
        var device = train.Device;
        using var lossSum = zeros(1, dtype: ScalarType.Float64, device: device);
        using var metricSum = zeros(1, dtype: ScalarType.Float64, device: device);
        int seen = 0, batch = 0;
        for (int start = 0; start < train.Rows; start += options.BatchSize)
        {
            int size = Math.Min(options.BatchSize, train.Rows - start);
            // Batch normalization cannot train on a batch of one row: a trailing single row is left to the next epoch's shuffle.
            if (size == 1 && options.BatchNormalization && start > 0) break;
            options.CancellationToken.ThrowIfCancellationRequested();
            ThrowIfCanceled?.Invoke();
            batch++;

            using var scope = NewDisposeScope();
            var (x, y) = train.Batch(start, size);

            optimizer.zero_grad();
            var output = network.forward(x);
            var loss = task.TrainingLoss(output, y);
            var objective = loss;
            foreach (var regularizer in regularizers)
                if (regularizer.Penalty(network) is { } penalty) objective = objective + penalty;
            if (!Divergence.IsFinite(objective)) return (double.NaN, double.NaN, batch, batch);
            objective.backward();
            foreach (var regularizer in regularizers) regularizer.AfterBackward(network);
            optimizer.step();
            foreach (var regularizer in regularizers) regularizer.AfterStep(network, learningRate);
            AfterStep?.Invoke(network);

            using (no_grad())
            {
                var detached = output.detach();
                var plainLoss = HasLabelSmoothing ? task.Loss(detached, y) : loss.detach();
                lossSum.add_(plainLoss.to(ScalarType.Float64) * size);
                metricSum.add_(task.MetricSum(detached, y).to(ScalarType.Float64));
            }
            seen += size;
        }
        return (lossSum.item<double>() / seen, task.Metric(metricSum.item<double>(), seen), batch, null);
    }

    private bool HasLabelSmoothing => options is RegularizedMlpClassificationOptions { LabelSmoothing: > 0 };

    /// <summary>Mean loss and metric of the network in evaluation mode, in batches, without gradients.</summary>
    public (double Loss, double Metric) Evaluate(Network network, RowSet data)
    {
        network.eval();
        using var _ = no_grad();
        double lossSum = 0, metricSum = 0;
        for (int start = 0; start < data.Rows; start += data.BatchSize)
        {
            using var scope = NewDisposeScope();
            int size = Math.Min(data.BatchSize, data.Rows - start);
            var (x, y) = data.Batch(start, size);
            var output = network.forward(x);
            lossSum += task.Loss(output, y).item<float>() * size;
            metricSum += task.MetricSum(output, y).to(ScalarType.Float64).item<double>();
        }
        return (lossSum / data.Rows, task.Metric(metricSum, data.Rows));
    }

    private optim.Optimizer CreateOptimizer(Network network)
    {
        var parameters = network.parameters();
        double lr = options.LearningRate;
        return options.Optimizer switch
        {
            Optimizer.Sgd => optim.SGD(parameters, lr, momentum: options.Momentum, nesterov: options.Nesterov),
            Optimizer.Adam or Optimizer.AdamW => optim.Adam(parameters, lr),
            Optimizer.RmsProp => optim.RMSProp(parameters, lr, momentum: options.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };
    }

    private static Dictionary<string, Tensor> Snapshot(Network network)
    {
        using var scope = NewDisposeScope();
        return network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().MoveToOuterDisposeScope());
    }

    private static void Release(Dictionary<string, Tensor>? weights)
    {
        if (weights is null) return;
        foreach (var t in weights.Values) t.Dispose();
    }
}
