using System.Diagnostics;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Regularization;
using MLNet.Regularization.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// The one training loop of the pack, for every architecture: <c>zero_grad -> forward -> loss (+ penalties) -> backward ->
/// step</c> per mini-batch, with each regularizer plugged in at its hook, then validation per epoch. What varies around it
/// (the learning-rate schedule, progress, early stopping and best weights, batch augmentation, mixup) is a
/// <see cref="TrainingCallback"/>. Each batch runs in its own dispose scope.
/// </summary>
internal sealed class TrainingLoop(RegularizedTrainerOptions options, Objective objective, IReadOnlyList<IRegularizer> regularizers)
{
    /// <summary>Rows per batch when validation rows are evaluated: 4,096, or fewer for wide rows, so that a batch stays within 64 MB.</summary>
    public static int EvaluationBatchRows(int featureCount) => (int)Math.Clamp((64L << 20) / (featureCount * (long)sizeof(float)), 1, 4096);

    /// <summary>Called after every optimizer step (and its regularizers); lets tests watch the network between steps.</summary>
    internal Action<Network>? AfterStep { get; init; }

    /// <summary>Receives a warning when training diverges and the best finite epoch is kept (the trainer routes it to <c>MLContext.Log</c>).</summary>
    internal Action<string>? Warn { get; init; }

    /// <summary>Called before every batch next to <see cref="RegularizedTrainerOptions.CancellationToken"/>: throws when the host asks to stop.</summary>
    internal Action? ThrowIfCanceled { get; init; }

    /// <summary>Trains <paramref name="network"/> with <paramref name="callbacks"/>, in their order; with <paramref name="reread"/>,
    /// each epoch after the first first reads the training rows afresh.</summary>
    public TrainingReport Run(Network network, RowSet train, RowSet? validation, int member, int seed, int skippedRows,
        IReadOnlyList<TrainingCallback> callbacks, Action? reread = null)
    {
        var started = Stopwatch.StartNew();
        using var optimizer = CreateOptimizer(network);
        var state = new TrainingState(network, optimizer, member, seed, validation is not null);
        var shuffle = new Random(seed);
        var epochs = new List<EpochReport>();
        bool stoppedEarly = false;
        Divergence? diverged = null;
        for (int epoch = 1; epoch <= options.SizedEpochs; epoch++)
        {
            var epochTimer = Stopwatch.StartNew();
            state.Epoch = epoch;
            foreach (var callback in callbacks) callback.EpochStarted(state);
            double learningRate = state.LearningRate;

            if (reread is not null && epoch > 1)
            {
                reread();
                train.Reset();
            }
            train.Shuffle(shuffle);
            var (trainLoss, trainMetric, batches, divergedBatch) = TrainEpoch(state, train, callbacks, learningRate);
            diverged = divergedBatch is int batch ? new Divergence(epoch, batch, "the training loss")
                : Divergence.FirstNonFiniteState(network) is string parameter ? new Divergence(epoch, batches, $"'{parameter}' of the network") : null;
            var (validLoss, validMetric) = validation is null || diverged is not null ? (double.NaN, double.NaN) : Evaluate(network, validation);
            if (diverged is null && validation is not null && !(double.IsFinite(validLoss) && double.IsFinite(validMetric)))
                diverged = new Divergence(epoch, null, "the validation loss or metric");
            if (diverged is not null)
            {
                // Only a finite earlier epoch (early stopping with RestoreBestWeights) can stand in for the diverged weights.
                if (state.RestorableEpoch is not int restorable) throw diverged.ToException(member, options);
                Warn?.Invoke($"{(member > 0 ? $"member {member} " : "")}training diverged at {diverged.Where} ({diverged.What} became NaN or infinite); " +
                    $"keeping epoch {restorable}. A lower LearningRate or GradientClipNorm may avoid it.");
                break;
            }

            var report = new EpochReport(member, epoch, trainLoss, trainMetric, validLoss, validMetric, learningRate, epochTimer.Elapsed,
                state.AugmentationStrength ?? double.NaN);
            epochs.Add(report);
            bool stop = false;
            foreach (var callback in callbacks) stop |= callback.EpochEnded(state, report);
            if (stop && epoch < options.SizedEpochs)
            {
                stoppedEarly = true;
                break;
            }
        }
        foreach (var callback in callbacks) callback.TrainingEnded(state);
        network.eval();
        return new TrainingReport(member, objective.MetricName, epochs, state.KeptEpoch ?? epochs.Count, stoppedEarly, train.Rows, validation?.Rows ?? 0,
            skippedRows, started.Elapsed, seed, train.Storage, diverged, state.Notes);
    }

    /// <summary>One pass over the batches; stops at the first batch whose loss (with penalties) is not finite and returns its 1-based number.</summary>
    private (double Loss, double Metric, int Batches, int? DivergedBatch) TrainEpoch(TrainingState state, RowSet train, IReadOnlyList<TrainingCallback> callbacks,
        double learningRate)
    {
        var network = state.Network;
        var optimizer = state.Optimizer;
        network.train();
        var device = train.Device;
        using var lossSum = zeros(1, dtype: ScalarType.Float64, device: device);
        using var metricSum = zeros(1, dtype: ScalarType.Float64, device: device);
        int seen = 0, batch = 0;
        for (int start = 0; start < train.Rows; start += options.SizedBatchSize)
        {
            int size = Math.Min(options.SizedBatchSize, train.Rows - start);
            // Batch normalization cannot train on a batch of one row: a trailing single row is left to the next epoch's shuffle.
            if (size == 1 && network.UsesBatchStatistics && start > 0) break;
            options.CancellationToken.ThrowIfCancellationRequested();
            ThrowIfCanceled?.Invoke();
            state.Batch = ++batch;

            using var scope = NewDisposeScope();
            var (x, labels) = train.Batch(start, size);
            var y = labels;
            foreach (var callback in callbacks) (x, y) = callback.BeforeForward(state, x, y);

            optimizer.zero_grad();
            var output = network.forward(x);
            var loss = objective.TrainingLoss(output, y);
            var total = loss;
            foreach (var regularizer in regularizers)
                if (regularizer.Penalty(network) is { } penalty) total = total + penalty;
            if (!Divergence.IsFinite(total)) return (double.NaN, double.NaN, batch, batch);
            total.backward();
            foreach (var regularizer in regularizers) regularizer.AfterBackward(network);
            optimizer.step();
            foreach (var regularizer in regularizers) regularizer.AfterStep(network, learningRate);
            AfterStep?.Invoke(network);

            using (no_grad())
            {
                // The data loss without the penalties and without label smoothing, on the batch as trained (mixed, if mixup mixed it).
                var detached = output.detach();
                var plainLoss = ReferenceEquals(y, labels) && !objective.SmoothsLabels ? loss.detach() : objective.Loss(detached, y);
                lossSum.add_(plainLoss.to(ScalarType.Float64) * size);
                metricSum.add_(objective.MetricSum(detached, y).to(ScalarType.Float64));
            }
            seen += size;
        }
        return (lossSum.item<double>() / seen, objective.Metric(metricSum.item<double>(), seen), batch, null);
    }

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
            lossSum += objective.Loss(output, y).item<float>() * size;
            metricSum += objective.MetricSum(output, y).to(ScalarType.Float64).item<double>();
        }
        return (lossSum / data.Rows, objective.Metric(metricSum, data.Rows));
    }

    private optim.Optimizer CreateOptimizer(Network network)
    {
        var parameters = network.parameters();
        double lr = options.SizedLearningRate;
        return options.Optimizer switch
        {
            Optimizer.Sgd => optim.SGD(parameters, lr, momentum: options.Momentum, nesterov: options.Nesterov),
            Optimizer.Adam or Optimizer.AdamW => optim.Adam(parameters, lr),
            Optimizer.RmsProp => optim.RMSProp(parameters, lr, momentum: options.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };
    }
}
