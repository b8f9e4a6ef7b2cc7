using System.Reflection;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Regularization;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Regularization;

/// <summary>
/// The shared estimator behind the regularized MLP trainers: reads and checks the data, standardizes it, trains each
/// network with the one training loop and wraps the result as a <see cref="RegularizedMlpModel"/>.
/// </summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
public abstract class RegularizedMlpTrainerBase<TOptions> : IEstimator<RegularizedMlpModel>
    where TOptions : RegularizedMlpOptions
{
    // libtorch's random generator and thread count are process-wide: trainings run one at a time so that a seed fixes the result.
    private static readonly object TrainingLock = new();

    private readonly IHostEnvironment? _environment;
    private readonly Device _device;

    private protected RegularizedMlpTrainerBase(IHostEnvironment? environment, TOptions options)
    {
        OptionsValidator.Validate(options);
        _device = CreateDevice(options.Device);
        _environment = environment;
        TrainerOptions = options;
        Seed = options.Seed ?? HostSeed.Draw(environment, GetType().Name);
    }

    /// <summary>The seed of every random step: <see cref="RegularizedMlpOptions.Seed"/>, or one drawn from the host's random source.</summary>
    private int Seed { get; }

    /// <summary>The options the trainer was created with.</summary>
    internal TOptions TrainerOptions { get; }

    /// <summary>Lets tests watch the network after every optimizer step.</summary>
    internal Action<Network>? AfterStep { get; set; }

    private protected abstract PredictionKind Kind { get; }

    /// <summary>The task's loss, metric and label handling for a label column of the given type.</summary>
    private protected abstract PredictionTask CreateTask(DataViewType labelType);

    private protected abstract IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label);

    /// <summary>Trains on <paramref name="input"/>, holding out <see cref="RegularizedMlpOptions.ValidationFraction"/> of it for validation.</summary>
    /// <exception cref="TrainingDivergedException">The loss, the validation figures or the weights stopped being finite and no
    /// finite epoch could be kept (see <see cref="TrainingReport.Diverged"/>): try a lower learning rate or gradient clipping.</exception>
    /// <exception cref="OperationCanceledException">The <see cref="RegularizedMlpOptions.CancellationToken"/> was canceled, or the
    /// host <c>MLContext</c> was asked to stop (<c>CancelExecution</c>).</exception>
    public RegularizedMlpModel Fit(IDataView input) => Fit(input, null, null);

    /// <summary>Continues training <paramref name="initialNetwork"/> (for example <see cref="RegularizedMlpModel.Network"/>, or
    /// <see cref="TrainedNetwork.Load(string)"/> of a saved model) on <paramref name="trainData"/>: a warm start. The options may
    /// change the regularization, the optimizer and the schedule, but not the architecture; the network keeps its input standardization.</summary>
    public RegularizedMlpModel Fit(IDataView trainData, TrainedNetwork initialNetwork) => Fit(trainData, null, initialNetwork);

    /// <summary>Trains on <paramref name="trainData"/> and validates on <paramref name="validationData"/> (no hold-out then);
    /// with <paramref name="validationData"/> <see langword="null"/> this is <see cref="Fit(IDataView)"/>.</summary>
    public RegularizedMlpModel Fit(IDataView trainData, IDataView? validationData) => Fit(trainData, validationData, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating on <paramref name="validationData"/> when given (no hold-out then)
    /// and starting from <paramref name="initialNetwork"/> when given (warm start, see <see cref="Fit(IDataView, TrainedNetwork)"/>).</summary>
    /// <exception cref="TrainingDivergedException">The loss, the validation figures or the weights stopped being finite and no
    /// finite epoch could be kept (see <see cref="TrainingReport.Diverged"/>): try a lower learning rate or gradient clipping.</exception>
    /// <exception cref="OperationCanceledException">The <see cref="RegularizedMlpOptions.CancellationToken"/> was canceled, or the
    /// host <c>MLContext</c> was asked to stop (<c>CancelExecution</c>).</exception>
    public RegularizedMlpModel Fit(IDataView trainData, IDataView? validationData, TrainedNetwork? initialNetwork)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = TrainerOptions;
        var labelColumn = trainData.Schema.GetColumnOrNull(o.LabelColumnName)
            ?? throw new ArgumentException($"The training data has no label column '{o.LabelColumnName}'.", nameof(trainData));
        var task = CreateTask(labelColumn.Type);
        int featureCount = TrainingData.CheckSchema(trainData.Schema, o, task, "training");
        if (validationData is not null) CheckValidationSchema(trainData.Schema, validationData.Schema, task, featureCount);
        if (initialNetwork is not null) CheckInitialNetwork(initialNetwork, featureCount, task);
        if (o.EarlyStopping && validationData is null && o.ValidationFraction == 0)
            throw new ArgumentException("Option EarlyStopping needs validation data: set ValidationFraction > 0, pass validation data to Fit, or set EarlyStopping = false.");

        using var data = TrainingData.Load(trainData, o, task, "training");
        var (trainRows, validation, validationRows) = ValidationRows(data, validationData, task);
        using var ownValidation = validation == data ? null : validation;
        if (trainRows.Length == 0)
            throw new InvalidOperationException($"No training rows are left after holding out ValidationFraction = {o.ValidationFraction} of {data.Rows} rows.");
        task.CheckLabels(trainRows.Select(r => data.Labels[r]).ToArray(), o.LabelColumnName);

        // A warm start keeps the standardization its weights were trained with.
        var features = initialNetwork?.Features
            ?? (o.Standardize ? Standardization.Fit(data.Features, trainRows) : Standardization.Identity(data.FeatureCount));
        Standardization? label = null;
        if (Kind == PredictionKind.Regression)
        {
            label = initialNetwork?.Label ?? (o.Standardize ? Standardization.Fit(data.Labels, 1, trainRows) : Standardization.Identity(1));
            ((RegressionTask)task).LabelScale = label.Scale[0];
        }
        Standardize(data, features, label);
        if (ownValidation is not null) Standardize(ownValidation, features, label);

        var (networks, reports) = Train(trainData, data, trainRows, validation, validationRows, features, label, task, initialNetwork);
        var network = new TrainedNetwork(Kind, features, label, networks, PackageVersion, OptionsJson());
        var (scorer, onnxFile) = ScoringPipeline.Build(new MLContext { TempFilePath = CatalogEnvironment.TempFolder(_environment) },
            trainData, network, o.FeatureColumnName, labelColumn);
        return new RegularizedMlpModel(scorer, onnxFile, network, reports, o.FeatureColumnName);
    }

    /// <summary>The training rows and the validation rows: all rows of the validation data when given, a seeded hold-out of
    /// <see cref="RegularizedMlpOptions.ValidationFraction"/> (stratified for classification) otherwise, or none.</summary>
    private (int[] Train, TrainingData Validation, int[] ValidationRows) ValidationRows(TrainingData data, IDataView? validationData, PredictionTask task)
    {
        var o = TrainerOptions;
        int[] All(TrainingData d) => Enumerable.Range(0, d.Rows).ToArray();
        if (validationData is not null)
        {
            var validation = TrainingData.Load(validationData, o, task, "validation");
            return (All(data), validation, All(validation));
        }
        if (o.ValidationFraction == 0) return (All(data), data, []);
        var (train, held) = data.Split(o.ValidationFraction, Seed, stratify: Kind != PredictionKind.Regression);
        // Reading the data again each epoch overwrites the rows in place: the held-out rows keep a copy of their first read.
        if (o.ReadDataEachEpoch) return (train, data.Subset(held, o), Enumerable.Range(0, held.Length).ToArray());
        return (train, data, held);
    }

    /// <summary>Standardizes the features (and the regression label) of every row in place.</summary>
    private static void Standardize(TrainingData data, Standardization features, Standardization? label)
    {
        if (features.Mean.Any(m => m != 0) || features.Scale.Any(s => s != 1)) features.ApplyInPlace(data.Features, data.Rows);
        label?.ApplyInPlace(data.Labels);
    }

    private static readonly string PackageVersion =
        typeof(TrainedNetwork).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private void CheckInitialNetwork(TrainedNetwork initial, int featureCount, PredictionTask task)
    {
        var o = TrainerOptions;
        void Require(bool condition, string what, object ours, object theirs)
        {
            if (!condition)
                throw new ArgumentException(
                    $"The initial network cannot be trained further with these options: {what} is {theirs} in the network but {ours} here. " +
                    "A warm start keeps the architecture.", nameof(initial));
        }
        Require(initial.Kind == Kind, "the task", Kind, initial.Kind);
        Require(initial.FeatureCount == featureCount, $"the size of feature column '{o.FeatureColumnName}'", featureCount, initial.FeatureCount);
        Require(initial.HiddenLayers.SequenceEqual(o.HiddenLayers), "option HiddenLayers",
            $"[{string.Join(", ", o.HiddenLayers)}]", $"[{string.Join(", ", initial.HiddenLayers)}]");
        Require(initial.Activation == o.Activation, "option Activation", o.Activation, initial.Activation);
        Require(initial.OutputCount == task.OutputSize, $"the number of classes of label column '{o.LabelColumnName}'", task.OutputSize, initial.OutputCount);
        Require(initial.EnsembleSize == o.EnsembleSize, "option EnsembleSize", o.EnsembleSize, initial.EnsembleSize);
    }

    /// <summary>The options that shape training, as JSON, recorded in the trained network.</summary>
    private string OptionsJson()
    {
        var values = TrainerOptions.GetType().GetProperties()
            .Where(p => p.PropertyType != typeof(IProgress<EpochReport>) && p.PropertyType != typeof(CancellationToken))
            .OrderBy(p => p.Name)
            .ToDictionary(p => p.Name, p => p.GetValue(TrainerOptions));
        values[nameof(RegularizedMlpOptions.Seed)] = Seed;   // the seed used, also when it was drawn from the MLContext
        return System.Text.Json.JsonSerializer.Serialize(values, new System.Text.Json.JsonSerializerOptions
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        });
    }

    /// <summary>Trains every ensemble member on the prepared rows, one training at a time in the process.</summary>
    private (List<NetworkWeights>, List<TrainingReport>) Train(IDataView trainData, TrainingData data, int[] trainRows, TrainingData validation,
        int[] validationRows, Standardization features, Standardization? label, PredictionTask task, TrainedNetwork? initial)
    {
        var o = TrainerOptions;
        var networks = new List<NetworkWeights>();
        var reports = new List<TrainingReport>();
        lock (TrainingLock)
        {
            int previousThreads = get_num_threads();
            if (o.NumberOfThreads is int threads) set_num_threads(threads);
            using var channel = _environment?.Start(GetType().Name);
            var loop = new TrainingLoop(o, task, Regularizers.From(o))
            {
                AfterStep = AfterStep,
                Log = channel is null ? null : message => channel.Info(MessageSensitivity.None, message),
                Warn = channel is null ? null : message => channel.Warning(MessageSensitivity.None, message),
                ThrowIfCanceled = _environment is null ? null : () => CatalogEnvironment.ThrowIfCanceled(_environment),
            };
            // Every member reads the one copy of the rows; a bootstrap sample is a list of row indices.
            var validationSet = validationRows.Length == 0 ? null : new RowSet(validation, validationRows, task, _device, TrainingLoop.EvaluationBatchRows(validation.FeatureCount));
            Action? reread = o.ReadDataEachEpoch ? () =>
            {
                data.Reload(trainData, o, task);
                Standardize(data, features, label);
            } : null;
            try
            {
                for (int member = 0; member < o.EnsembleSize; member++)
                {
                    int seed = Seed + member;
                    var rows = o.EnsembleBootstrap ? Bootstrap(trainRows, seed) : trainRows;
                    manual_seed(seed);
                    using var network = new MlpNetwork(data.FeatureCount, task.OutputSize, o);
                    initial?.Members[member].LoadInto(network);
                    network.to(_device);
                    var trainSet = new RowSet(data, rows, task, _device, o.BatchSize);
                    reports.Add(loop.Run(network, trainSet, validationSet, member, seed, data.SkippedRows, reread));
                    networks.Add(NetworkWeights.From(network));
                }
            }
            finally
            {
                set_num_threads(previousThreads);
            }
        }
        return (networks, reports);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var o = TrainerOptions;
        var features = inputSchema.FirstOrDefault(c => c.Name == o.FeatureColumnName);
        if (features.Name is null)
            throw new ArgumentException($"The input schema has no feature column '{o.FeatureColumnName}'.", nameof(inputSchema));
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Feature column '{o.FeatureColumnName}' must be a known-size vector of Single.", nameof(inputSchema));
        var label = inputSchema.FirstOrDefault(c => c.Name == o.LabelColumnName);
        if (label.Name is null)
            throw new ArgumentException($"The input schema has no label column '{o.LabelColumnName}'.", nameof(inputSchema));
        var task = CreateTask(label.ItemType);
        bool isLabel = label.IsKey ? Kind == PredictionKind.Multiclass : task.IsLabelType(label.ItemType);
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !isLabel)
            throw new ArgumentException($"Label column '{o.LabelColumnName}' must be {task.ExpectedLabel}.", nameof(inputSchema));
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (var column in OutputColumns(label)) columns[column.Name] = column;
        return new SchemaShape(columns.Values);
    }

    private void CheckValidationSchema(DataViewSchema train, DataViewSchema validation, PredictionTask task, int featureCount)
    {
        int validationFeatures = TrainingData.CheckSchema(validation, TrainerOptions, task, "validation");
        if (validationFeatures != featureCount)
            throw new ArgumentException(
                $"Feature column '{TrainerOptions.FeatureColumnName}' has {validationFeatures} values in the validation data but {featureCount} in the training data.",
                nameof(validation));
        var trainLabel = train[TrainerOptions.LabelColumnName].Type;
        var validationLabel = validation[TrainerOptions.LabelColumnName].Type;
        if (!trainLabel.Equals(validationLabel))
            throw new ArgumentException(
                $"Label column '{TrainerOptions.LabelColumnName}' is {validationLabel} in the validation data but {trainLabel} in the training data.",
                nameof(validation));
        if (trainLabel is KeyDataViewType && KeyNames(train) is { } trainNames && KeyNames(validation) is { } validationNames
            && !trainNames.SequenceEqual(validationNames))
            throw new ArgumentException(
                $"Label column '{TrainerOptions.LabelColumnName}' maps its classes to other keys in the validation data " +
                $"([{string.Join(", ", validationNames)}] against [{string.Join(", ", trainNames)}] in the training data): " +
                "fit one MapValueToKey and apply it to both.", nameof(validation));
    }

    /// <summary>The label's key values as text, or null when it has none.</summary>
    private string[]? KeyNames(DataViewSchema schema)
    {
        var label = schema[TrainerOptions.LabelColumnName];
        if (label.Annotations.Schema.GetColumnOrNull("KeyValues")?.Type is not VectorDataViewType { ItemType: var itemType }) return null;
        return (string[])typeof(RegularizedMlpTrainerBase<TOptions>).GetMethod(nameof(KeyValuesAsText), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType).Invoke(null, [label])!;
    }

    private static string[] KeyValuesAsText<T>(DataViewSchema.Column label)
    {
        var values = default(VBuffer<T>);
        label.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v?.ToString() ?? "").ToArray();
    }

    private static int[] Bootstrap(int[] rows, int seed)
    {
        var random = new Random(seed);
        var sample = new int[rows.Length];
        for (int i = 0; i < sample.Length; i++) sample[i] = rows[random.Next(rows.Length)];
        return sample;
    }

    private static Device CreateDevice(string name)
    {
        if (name.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available())
            throw new ArgumentException($"Option Device is \"{name}\" but CUDA is not available on this machine; use \"cpu\".");
        return device(name);
    }
}
