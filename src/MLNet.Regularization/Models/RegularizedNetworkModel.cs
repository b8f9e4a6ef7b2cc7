using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;

namespace MLNet.Regularization;

/// <summary>
/// A trained regularized MLP (or ensemble of them): an <see cref="ITransformer"/> that appends the task's standard
/// prediction columns (Score, and Probability / PredictedLabel for classification) and carries the training report.
/// </summary>
/// <remarks>
/// <para>Scoring runs the network as an ONNX graph inside ML.NET's own OnnxTransformer, followed by ML.NET's saveable column
/// transforms. <c>mlContext.Model.Save</c> therefore writes a model that a plain <c>mlContext.Model.Load</c> reads back
/// (as that scoring chain; the training report is not part of the saved file), and scoring needs ONNX Runtime but not libtorch.
/// The graph's file lives in <see cref="MLContext.TempFilePath"/> only while the model is built and while it is saved (on
/// Windows, which keeps a file open in ML.NET from being deleted, until the model is disposed).</para>
/// <para>It is an <see cref="ISingleFeaturePredictionTransformer{TModel}"/> of <see cref="TrainedNetwork"/>, as ML.NET's own
/// prediction transformers are of their model parameters, so that ML.NET's permutation feature importance
/// (<c>mlContext.&lt;Task&gt;.PermutationFeatureImportance(model, data)</c>) takes it.</para>
/// </remarks>
public sealed class RegularizedNetworkModel : ISingleFeaturePredictionTransformer<TrainedNetwork>, IDisposable
{
    private readonly ITransformer _scorer;
    private readonly BatchScorer _batchScorer;
    private readonly OnnxModelFile _onnxFile;
    private readonly ITransformer? _imageInput;

    /// <param name="scorer">The scoring chain, from the feature column to the prediction columns.</param>
    /// <param name="onnxFile">The graph's file, which the chain's OnnxTransformer reads.</param>
    /// <param name="network">The trained network.</param>
    /// <param name="reports">One training report per ensemble member.</param>
    /// <param name="featureColumnName">The column the model reads.</param>
    /// <param name="imageInput">For an image column: the steps at the head of <paramref name="scorer"/> that extract the pixels the network reads.</param>
    internal RegularizedNetworkModel(ITransformer scorer, OnnxModelFile onnxFile, TrainedNetwork network, IReadOnlyList<TrainingReport> reports,
        string featureColumnName, ITransformer? imageInput = null)
    {
        _scorer = scorer;
        _onnxFile = onnxFile;
        _imageInput = imageInput;
        _batchScorer = new BatchScorer(network, imageInput is null ? featureColumnName : ImageInput.PixelColumn);
        Network = network;
        TrainingReports = reports;
        FeatureColumnName = featureColumnName;
    }

    /// <summary>The trained network(s): architecture, standardization and weights. Pass it to a trainer's <c>Fit</c> to continue training (warm start).</summary>
    public TrainedNetwork Network { get; }

    /// <summary>The training report of the first (or only) network.</summary>
    public TrainingReport TrainingReport => TrainingReports[0];

    /// <summary>One training report per ensemble member.</summary>
    public IReadOnlyList<TrainingReport> TrainingReports { get; }

    /// <summary>The feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The type of the feature column: a vector of <see cref="FeatureCount"/> Single values, or an image (<c>MLImage</c>)
    /// for a CNN trained on an image column.</summary>
    public DataViewType FeatureColumnType => _imageInput is null
        ? new VectorDataViewType(NumberDataViewType.Single, FeatureCount)
        : new Microsoft.ML.Transforms.Image.ImageDataViewType();

    /// <summary>The trained network(s), <see cref="Network"/>, as ML.NET's prediction-transformer interface names it.</summary>
    TrainedNetwork IPredictionTransformer<TrainedNetwork>.Model => Network;

    /// <summary>The number of features the model expects.</summary>
    public int FeatureCount => Network.FeatureCount;

    /// <summary>The trained networks in prediction form (batch normalization folded), for inspection and tests.</summary>
    internal IReadOnlyList<NetworkWeights> Networks => Network.Members;

    /// <summary>How many batches <see cref="Transform"/> has scored (for tests).</summary>
    internal int BatchesScored => _batchScorer.BatchesScored;

    /// <summary>
    /// Writes the whole network (standardization, every ensemble member, the output combination) as a standalone ONNX
    /// model (opset 17) with input <see cref="FeatureColumnName"/> [N, <see cref="FeatureCount"/>] and outputs "score"
    /// (and "probability" for binary classification). Its metadata ends with the network's SHA-256 digest, which
    /// <see cref="TrainedNetwork.Load(Stream)"/> checks when it reads the file back.
    /// </summary>
    public void ExportOnnx(Stream stream) => Network.SaveOnnx(stream, FeatureColumnName);

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _scorer.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _scorer.GetOutputSchema(CheckInput(inputSchema));

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _scorer.GetRowToRowMapper(CheckInput(inputSchema));

    /// <summary>Appends the prediction columns. The network scores the rows in batches as they are read (row by row for shuffled cursors).</summary>
    public IDataView Transform(IDataView input)
    {
        CheckInput(input.Schema);
        return new BatchScoringDataView(_imageInput?.Transform(input) ?? input, _scorer.Transform(input), _batchScorer);
    }

    /// <summary>The feature column must be the vector the network was trained on, as ML.NET's own prediction transformers require.</summary>
    private DataViewSchema CheckInput(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(FeatureColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"The input has no feature column '{FeatureColumnName}'.");
        if (_imageInput is not null)
        {
            return column.Type is Microsoft.ML.Transforms.Image.ImageDataViewType ? schema
                : throw new ArgumentOutOfRangeException(nameof(schema), $"Feature column '{FeatureColumnName}' is {column.Type}; the model expects images (MLImage).");
        }
        if (column.Type is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single || size != FeatureCount)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Feature column '{FeatureColumnName}' is {column.Type}; the model expects a vector of {FeatureCount} Single values.");
        return schema;
    }

    /// <summary>Saves the scoring chain; used by <c>mlContext.Model.Save</c>. ML.NET's OnnxTransformer reads the graph from its
    /// file at save time: the file is there for the save only.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        using (_onnxFile.ForSave()) _scorer.Save(ctx);
    }

    /// <summary>Releases the ONNX Runtime sessions and deletes the graph's file if it is still there. A disposed model cannot be saved.</summary>
    public void Dispose()
    {
        _batchScorer.Dispose();
        (_scorer as IDisposable)?.Dispose();
        _onnxFile.Dispose();
    }
}
