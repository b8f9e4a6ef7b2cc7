using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Regularization;

/// <summary>
/// The shared estimator behind the regularized trainers, whatever their architecture: checks the schema and options, then
/// prepares the data (<c>PreparedData</c>), trains the ensemble (<c>EnsembleRunner</c>, with the one training loop) and
/// wraps the result as a <see cref="RegularizedNetworkModel"/>.
/// </summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
public abstract class RegularizedTrainerBase<TOptions> : IEstimator<RegularizedNetworkModel>
    where TOptions : RegularizedTrainerOptions
{
    private readonly IHostEnvironment? _environment;
    private readonly Device _device;

    private protected RegularizedTrainerBase(IHostEnvironment? environment, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _device = CreateDevice(options.Device);
        _environment = environment;
        TrainerOptions = options;
        Seed = options.Seed ?? HostSeed.Draw(environment, GetType().Name);
    }

    /// <summary>The seed of every random step: <see cref="RegularizedTrainerOptions.Seed"/>, or one drawn from the host's random source.</summary>
    private int Seed { get; }

    /// <summary>The options the trainer was created with.</summary>
    internal TOptions TrainerOptions { get; }

    /// <summary>Lets tests watch the network after every optimizer step.</summary>
    internal Action<Network>? AfterStep { get; set; }

    /// <summary>The task's object (loss, metric, label handling, scoring columns) for a label column of the given type.</summary>
    private protected abstract Objective CreateObjective(DataViewType labelType);

    /// <summary>Checks the trainer's own callbacks (batch augmentation, mixup) against the architecture and task, before any data
    /// is read, and returns what makes them for one ensemble member, given its seed.</summary>
    private protected virtual Func<int, IEnumerable<TrainingCallback>> PrepareCallbacks(NetworkArchitecture architecture, Objective objective) => _ => [];

    private protected abstract IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label);

    /// <summary>Trains on <paramref name="input"/>, holding out <see cref="RegularizedTrainerOptions.ValidationFraction"/> of it for validation.</summary>
    /// <exception cref="TrainingDivergedException">The loss, the validation figures or the weights stopped being finite and no
    /// finite epoch could be kept (see <see cref="TrainingReport.Diverged"/>): try a lower learning rate or gradient clipping.</exception>
    /// <exception cref="OperationCanceledException">The <see cref="RegularizedTrainerOptions.CancellationToken"/> was canceled, or the
    /// host <c>MLContext</c> was asked to stop (<c>CancelExecution</c>).</exception>
    public RegularizedNetworkModel Fit(IDataView input) => Fit(input, null, null);

    /// <summary>Continues training <paramref name="initialNetwork"/> (for example <see cref="RegularizedNetworkModel.Network"/>, or
    /// <see cref="TrainedNetwork.Load(string)"/> of a saved model) on <paramref name="trainData"/>: a warm start. The options may
    /// change the regularization, the optimizer and the schedule, but not the architecture; the network keeps its input standardization.</summary>
    public RegularizedNetworkModel Fit(IDataView trainData, TrainedNetwork initialNetwork) => Fit(trainData, null, initialNetwork);

    /// <summary>Trains on <paramref name="trainData"/> and validates on <paramref name="validationData"/> (no hold-out then);
    /// with <paramref name="validationData"/> <see langword="null"/> this is <see cref="Fit(IDataView)"/>.</summary>
    public RegularizedNetworkModel Fit(IDataView trainData, IDataView? validationData) => Fit(trainData, validationData, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating on <paramref name="validationData"/> when given (no hold-out then)
    /// and starting from <paramref name="initialNetwork"/> when given (warm start, see <see cref="Fit(IDataView, TrainedNetwork)"/>).</summary>
    /// <exception cref="TrainingDivergedException">The loss, the validation figures or the weights stopped being finite and no
    /// finite epoch could be kept (see <see cref="TrainingReport.Diverged"/>): try a lower learning rate or gradient clipping.</exception>
    /// <exception cref="OperationCanceledException">The <see cref="RegularizedTrainerOptions.CancellationToken"/> was canceled, or the
    /// host <c>MLContext</c> was asked to stop (<c>CancelExecution</c>).</exception>
    public RegularizedNetworkModel Fit(IDataView trainData, IDataView? validationData, TrainedNetwork? initialNetwork)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = TrainerOptions;
        var labelColumn = trainData.Schema.GetColumnOrNull(o.LabelColumnName)
            ?? throw new ArgumentException($"The training data has no label column '{o.LabelColumnName}'.", nameof(trainData));
        var mlContext = new MLContext { TempFilePath = CatalogEnvironment.TempFolder(_environment) };
        var imageInput = ImagePixels(mlContext, ref trainData, ref validationData, ref o);
        var objective = CreateObjective(labelColumn.Type);
        int featureCount = TrainingData.CheckSchema(trainData.Schema, o, objective, "training");
        var architecture = o.CreateArchitecture(trainData.Schema[o.FeatureColumnName]);
        architecture.CheckInputs(featureCount, o.FeatureColumnName);
        if (validationData is not null) ValidationSchema.Check(trainData.Schema, validationData.Schema, o, objective, featureCount);
        if (initialNetwork is not null) WarmStart.Check(initialNetwork, o, architecture, featureCount, objective);
        var memberCallbacks = PrepareCallbacks(architecture, objective);
        if (o.OptionNeedingValidation is var (option, off) && validationData is null && o.ValidationFraction == 0)
            throw new ArgumentException($"Option {option} needs validation data: set ValidationFraction > 0, pass validation data to Fit, or set {option} = {off}.");

        using var prepared = PreparedData.Load(trainData, validationData, o, objective, architecture, Seed, initialNetwork);
        o = (TOptions)o.SizedFor(prepared.TrainRows.Length);
        var runner = new EnsembleRunner(o, architecture, Seed, _device, _environment, GetType().Name)
        {
            AfterStep = AfterStep,
            MemberCallbacks = memberCallbacks,
        };
        var (networks, reports) = runner.Train(prepared, objective, initialNetwork);
        var network = new TrainedNetwork(objective.Task, architecture, prepared.Features, prepared.Label, networks, PackageVersion, OptionsJson(o));
        var (scorer, onnxFile) = ScoringPipeline.Build(mlContext, trainData, network, o.FeatureColumnName, labelColumn);
        if (imageInput is not null)
        {
            var dropPixels = mlContext.Transforms.DropColumns(ImageInput.PixelColumn).Fit(scorer.Transform(trainData));
            scorer = new TransformerChain<ITransformer>(imageInput, scorer, dropPixels);
        }
        return new RegularizedNetworkModel(scorer, onnxFile, network, reports, TrainerOptions.FeatureColumnName, imageInput);
    }

    /// <summary>For an image column: fits the ML.NET steps that extract the pixels the network reads (in training and scoring),
    /// applies them to the data and points the options at the pixels. Null for any other column.</summary>
    private static ITransformer? ImagePixels(MLContext mlContext, ref IDataView trainData, ref IDataView? validationData, ref TOptions options)
    {
        if (trainData.Schema.GetColumnOrNull(options.FeatureColumnName) is not { } column || options.ImageInput(mlContext, column) is not { } steps)
            return null;
        var imageInput = steps.Fit(trainData);
        trainData = imageInput.Transform(trainData);
        validationData = validationData is null ? null : imageInput.Transform(validationData);
        options = (TOptions)options.WithFeatureColumn(ImageInput.PixelColumn);
        return imageInput;
    }

    private static readonly string PackageVersion =
        typeof(TrainedNetwork).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The options that shaped training (with the epochs and batch size the fit used), as JSON, recorded in the trained network.</summary>
    private string OptionsJson(TOptions options)
    {
        var values = options.GetType().GetProperties()
            .Where(p => p.PropertyType != typeof(IProgress<EpochReport>) && p.PropertyType != typeof(CancellationToken))
            .OrderBy(p => p.Name)
            .ToDictionary(p => p.Name, p => p.GetValue(options));
        values[nameof(RegularizedTrainerOptions.Seed)] = Seed;   // the seed used, also when it was drawn from the MLContext
        return System.Text.Json.JsonSerializer.Serialize(values, new System.Text.Json.JsonSerializerOptions
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        });
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var o = TrainerOptions;
        var features = inputSchema.FirstOrDefault(c => c.Name == o.FeatureColumnName);
        if (features.Name is null)
            throw new ArgumentException($"The input schema has no feature column '{o.FeatureColumnName}'.", nameof(inputSchema));
        bool image = features.ItemType is Microsoft.ML.Transforms.Image.ImageDataViewType && o is RegularizedCnnOptions;
        if (!image && (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single))
            throw new ArgumentException($"Feature column '{o.FeatureColumnName}' must be a known-size vector of Single" +
                (o is RegularizedCnnOptions ? " or an image column (MLImage)." : "."), nameof(inputSchema));
        var label = inputSchema.FirstOrDefault(c => c.Name == o.LabelColumnName);
        if (label.Name is null)
            throw new ArgumentException($"The input schema has no label column '{o.LabelColumnName}'.", nameof(inputSchema));
        var objective = CreateObjective(label.ItemType);
        bool isLabel = label.IsKey ? objective.Task == PredictionTask.Multiclass : objective.IsLabelType(label.ItemType);
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !isLabel)
            throw new ArgumentException($"Label column '{o.LabelColumnName}' must be {objective.ExpectedLabel}.", nameof(inputSchema));
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (var column in OutputColumns(label)) columns[column.Name] = column;
        return new SchemaShape(columns.Values);
    }

    private static Device CreateDevice(string name)
    {
        if (name.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available())
            throw new ArgumentException($"Option Device is \"{name}\" but CUDA is not available on this machine; use \"cpu\".");
        return device(name);
    }
}
