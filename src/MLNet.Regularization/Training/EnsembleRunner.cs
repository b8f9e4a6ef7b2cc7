using Microsoft.ML.Runtime;
using TorchSharp;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Regularization;
using MLNet.Regularization.Tasks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// Trains every ensemble member (seeds <c>seed</c>, <c>seed + 1</c>, ..., optionally on bootstrap samples) with the one training
/// loop, one training at a time in the process: libtorch's random generator and thread count are process-wide, so that is
/// what makes a seed fix the result.
/// </summary>
internal sealed class EnsembleRunner(RegularizedTrainerOptions options, NetworkArchitecture architecture, int seed, Device device,
    IHostEnvironment? environment, string name)
{
    private static readonly object TrainingLock = new();

    /// <summary>Called after every optimizer step; lets tests watch the network between steps.</summary>
    public Action<Network>? AfterStep { get; init; }

    /// <summary>The architecture's own callbacks of one member (batch augmentation, mixup), given the member's seed; they run
    /// after the schedule and before progress and early stopping.</summary>
    public Func<int, IEnumerable<TrainingCallback>>? MemberCallbacks { get; init; }

    public (List<NetworkWeights> Networks, List<TrainingReport> Reports) Train(PreparedData prepared, Objective objective, TrainedNetwork? initial)
    {
        var networks = new List<NetworkWeights>();
        var reports = new List<TrainingReport>();
        var data = prepared.Data;
        lock (TrainingLock)
        {
            int previousThreads = get_num_threads();
            if (options.NumberOfThreads is int threads) set_num_threads(threads);
            using var channel = environment?.Start(name);
            Action<string>? log = channel is null ? null : message => channel.Info(MessageSensitivity.None, message);
            var loop = new TrainingLoop(options, objective, Regularizers.From(options))
            {
                AfterStep = AfterStep,
                Warn = channel is null ? null : message => channel.Warning(MessageSensitivity.None, message),
                ThrowIfCanceled = environment is null ? null : () => CatalogEnvironment.ThrowIfCanceled(environment),
            };
            // Every member reads the one copy of the rows; a bootstrap sample is a list of row indices.
            var validation = prepared.ValidationRows.Length == 0 ? null
                : new RowSet(prepared.Validation, prepared.ValidationRows, objective, device, TrainingLoop.EvaluationBatchRows(data.FeatureCount));
            Action? reread = options.ReadDataEachEpoch ? prepared.Reload : null;
            try
            {
                for (int member = 0; member < options.EnsembleSize; member++)
                {
                    int memberSeed = seed + member;
                    var rows = options.EnsembleBootstrap ? Bootstrap(prepared.TrainRows, memberSeed) : prepared.TrainRows;
                    manual_seed(memberSeed);
                    using var network = architecture.Build(data.FeatureCount, objective.OutputSize, prepared.InputStandardization(), options.LayerRegularization(),
                        prepared.NumericColumns);
                    if (initial is not null) architecture.Import(initial.Members[member], network);
                    network.to(device);
                    var train = new RowSet(data, rows, objective, device, options.SizedBatchSize);
                    using var stopping = EarlyStopping.From(options, objective.HigherMetricIsBetter);
                    TrainingCallback[] callbacks =
                    [
                        new LearningRateScheduler(options),
                        .. MemberCallbacks?.Invoke(memberSeed) ?? [],
                        new ProgressCallback(options.Progress, log),
                        stopping,
                    ];
                    reports.Add(loop.Run(network, train, validation, member, memberSeed, data.SkippedRows, callbacks, reread));
                    networks.Add(architecture.Export(network));
                }
            }
            finally
            {
                set_num_threads(previousThreads);
            }
        }
        return (networks, reports);
    }

    /// <summary>A sample of <paramref name="rows"/> drawn with replacement (bagging).</summary>
    private static int[] Bootstrap(int[] rows, int seed)
    {
        var random = new Random(seed);
        var sample = new int[rows.Length];
        for (int i = 0; i < sample.Length; i++) sample[i] = rows[random.Next(rows.Length)];
        return sample;
    }
}
