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
    private readonly IHostEnvironment? _environment;

    private protected RegularizedMlpTrainerBase(IHostEnvironment? environment, TOptions options)
    {
        OptionsValidator.Validate(options);
        _environment = environment;
        TrainerOptions = options;
    }

    /// <summary>The options the trainer was created with.</summary>
    internal TOptions TrainerOptions { get; }

    /// <summary>Lets tests watch the network after every optimizer step.</summary>
    internal Action<MlpNetwork>? AfterStep { get; set; }

    private protected abstract OutputKind Kind { get; }

    private protected abstract PredictionTask CreateTask(DataViewSchema.Column label);

    private protected abstract IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label);

    /// <summary>Trains on <paramref name="input"/>, holding out <see cref="RegularizedMlpOptions.ValidationFraction"/> of it for validation.</summary>
    public RegularizedMlpModel Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/> and validates on <paramref name="validationData"/> (no hold-out then);
    /// with <paramref name="validationData"/> <see langword="null"/> this is <see cref="Fit(IDataView)"/>.</summary>
    public RegularizedMlpModel Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = TrainerOptions;
        var labelColumn = trainData.Schema.GetColumnOrNull(o.LabelColumnName)
            ?? throw new ArgumentException($"The training data has no label column '{o.LabelColumnName}'.", nameof(trainData));
        var task = CreateTask(labelColumn);
        int featureCount = TrainingData.CheckSchema(trainData.Schema, o, task, "training");
        if (validationData is not null) CheckValidationSchema(trainData.Schema, validationData.Schema, task, featureCount);
        if (o.EarlyStopping && validationData is null && o.ValidationFraction == 0)
            throw new ArgumentException("Option EarlyStopping needs validation data: set ValidationFraction > 0, pass validation data to Fit, or set EarlyStopping = false.");
        var device = CreateDevice(o.Device);

        var data = TrainingData.Load(trainData, o, task, "training");
        int[] trainRows, validationRows = [];
        TrainingData validation = data;
        if (validationData is not null)
        {
            trainRows = Enumerable.Range(0, data.Rows).ToArray();
            validation = TrainingData.Load(validationData, o, task, "validation");
            validationRows = Enumerable.Range(0, validation.Rows).ToArray();
        }
        else if (o.ValidationFraction > 0)
        {
            (trainRows, validationRows) = data.Split(o.ValidationFraction, o.Seed, stratify: Kind != OutputKind.Regression);
        }
        else
        {
            trainRows = Enumerable.Range(0, data.Rows).ToArray();
        }
        if (trainRows.Length == 0)
            throw new InvalidOperationException($"No training rows are left after holding out ValidationFraction = {o.ValidationFraction} of {data.Rows} rows.");
        task.CheckLabels(trainRows.Select(r => data.Labels[r]).ToArray(), o.LabelColumnName);

        var features = o.Standardize ? Standardization.Fit(data.Features, data.FeatureCount, trainRows) : Standardization.Identity(data.FeatureCount);
        Standardization? label = null;
        if (Kind == OutputKind.Regression)
        {
            label = o.Standardize ? Standardization.Fit(data.Labels, 1, trainRows) : Standardization.Identity(1);
            ((RegressionTask)task).LabelScale = label.Scale[0];
        }

        int previousThreads = get_num_threads();
        if (o.NumberOfThreads is int threads) set_num_threads(threads);
        try
        {
            using var validationSet = validationRows.Length == 0 ? null : CreateDataset(validation, validationRows, features, label, task, device);
            using var channel = _environment?.Start(GetType().Name);
            var loop = new TrainingLoop(o, task, Regularizers.From(o)) { AfterStep = AfterStep, Log = channel is null ? null : message => channel.Info(MessageSensitivity.None, message) };
            var networks = new List<NetworkWeights>();
            var reports = new List<TrainingReport>();
            TensorDataset? shared = null;
            try
            {
                for (int member = 0; member < o.EnsembleSize; member++)
                {
                    int seed = o.Seed + member;
                    var rows = o.EnsembleBootstrap ? Bootstrap(trainRows, seed) : trainRows;
                    var trainSet = o.EnsembleBootstrap ? CreateDataset(data, rows, features, label, task, device)
                        : shared ??= CreateDataset(data, rows, features, label, task, device);
                    try
                    {
                        manual_seed(seed);
                        using var network = new MlpNetwork(data.FeatureCount, task.OutputSize, o);
                        network.to(device);
                        reports.Add(loop.Run(network, trainSet, validationSet, member, seed, data.SkippedRows));
                        networks.Add(NetworkWeights.From(network));
                    }
                    finally
                    {
                        if (o.EnsembleBootstrap) trainSet.Dispose();
                    }
                }
            }
            finally
            {
                shared?.Dispose();
            }

            var onnx = MlpOnnxWriter.Write(o.FeatureColumnName, features, networks, Kind, label, Metadata(data.FeatureCount)).ToByteArray();
            var scorer = ScoringPipeline.Build(new MLContext(), trainData, onnx, o.FeatureColumnName, Kind, labelColumn);
            return new RegularizedMlpModel(scorer, onnx, networks, reports, o.FeatureColumnName);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
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
    }

    private static TensorDataset CreateDataset(TrainingData data, int[] rows, Standardization features, Standardization? label,
        PredictionTask task, Device device)
    {
        var labels = rows.Select(r => data.Labels[r]).ToArray();
        if (label is not null) labels = label.Apply(labels, Enumerable.Range(0, labels.Length).ToArray());
        return new TensorDataset(features.Apply(data.Features, rows), data.FeatureCount, labels, task, device);
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

    private Dictionary<string, string> Metadata(int featureCount) => new()
    {
        ["mlnet_regularization.task"] = Kind.ToString(),
        ["mlnet_regularization.features"] = featureCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["mlnet_regularization.hidden_layers"] = string.Join(",", TrainerOptions.HiddenLayers),
        ["mlnet_regularization.activation"] = TrainerOptions.Activation.ToString(),
        ["mlnet_regularization.ensemble_size"] = TrainerOptions.EnsembleSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
