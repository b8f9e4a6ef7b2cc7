using Microsoft.ML;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Tasks;

namespace MLNet.Regularization.Training;

/// <summary>
/// The data of one <c>Fit</c>, ready to train on: the training rows read once, the validation rows (validation data, a seeded
/// hold-out or none), the standardization of the features (for the network's first module) and of the regression label
/// (applied in place), and the numeric columns when the architecture embeds them.
/// </summary>
internal sealed class PreparedData : IDisposable
{
    private readonly IDataView _source;
    private readonly RegularizedTrainerOptions _options;
    private readonly Objective _objective;

    private PreparedData(IDataView source, RegularizedTrainerOptions options, Objective objective, TrainingData data)
    {
        _source = source;
        _options = options;
        _objective = objective;
        Data = data;
        Validation = data;
    }

    /// <summary>The training data: every row read, of which <see cref="TrainRows"/> train.</summary>
    public TrainingData Data { get; }

    /// <summary>The data <see cref="ValidationRows"/> index: the validation data, or <see cref="Data"/> (or a copy of its held-out rows).</summary>
    public TrainingData Validation { get; private set; }

    public int[] TrainRows { get; private set; } = [];

    public int[] ValidationRows { get; private set; } = [];

    public Standardization Features { get; private set; } = null!;

    public Standardization? Label { get; private set; }

    /// <summary>The columns with more than two distinct values in the training rows, ascending, when the architecture embeds
    /// numeric columns (a warm start keeps the initial network's); empty otherwise.</summary>
    public int[] NumericColumns { get; private set; } = [];

    /// <summary>
    /// Reads <paramref name="trainData"/> (and <paramref name="validationData"/>), holds out validation rows, fits the
    /// standardization on the training rows (or keeps <paramref name="initial"/>'s, for a warm start) and applies it.
    /// </summary>
    public static PreparedData Load(IDataView trainData, IDataView? validationData, RegularizedTrainerOptions options, Objective objective,
        NetworkArchitecture architecture, int seed, TrainedNetwork? initial)
    {
        var prepared = new PreparedData(trainData, options, objective, TrainingData.Load(trainData, options, objective, "training"));
        try
        {
            prepared.HoldOut(validationData, seed);
            prepared.FitStandardization(initial, architecture.StandardizationGroups(prepared.Data.FeatureCount));
            if (architecture.EmbedsNumericColumns)
                prepared.NumericColumns = initial?.Members[0].NumericColumns?.ToArray()
                    ?? FeatureStatistics.NumericColumns(prepared.Data.Features, prepared.TrainRows);
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>The training rows and the validation rows: all rows of the validation data when given, a seeded hold-out of
    /// <see cref="RegularizedTrainerOptions.ValidationFraction"/> (stratified for classification) otherwise, or none.</summary>
    private void HoldOut(IDataView? validationData, int seed)
    {
        int[] All(TrainingData d) => Enumerable.Range(0, d.Rows).ToArray();
        if (validationData is not null)
        {
            Validation = TrainingData.Load(validationData, _options, _objective, "validation");
            (TrainRows, ValidationRows) = (All(Data), All(Validation));
        }
        else if (_options.ValidationFraction == 0)
        {
            TrainRows = All(Data);
        }
        else
        {
            var (train, held) = Data.Split(_options.ValidationFraction, seed, stratify: _objective.Stratify);
            TrainRows = train;
            ValidationRows = held;
            // Reading the data again each epoch overwrites the rows in place: the held-out rows keep a copy of their first read.
            if (_options.ReadDataEachEpoch)
            {
                Validation = Data.Subset(held, _options);
                ValidationRows = Enumerable.Range(0, held.Length).ToArray();
            }
        }
        if (TrainRows.Length == 0)
            throw new InvalidOperationException(
                $"No training rows are left after holding out ValidationFraction = {_options.ValidationFraction} of {Data.Rows} rows.");
        _objective.CheckLabels(TrainRows.Select(r => Data.Labels[r]).ToArray(), _options.LabelColumnName);
    }

    private void FitStandardization(TrainedNetwork? initial, int groups)
    {
        // A warm start keeps the standardization its weights were trained with.
        Features = initial?.Features ?? _options.FeatureScaling switch
        {
            FeatureScaling.Standard => FeatureStatistics.Fit(Data.Features, TrainRows, groups),
            FeatureScaling.Robust => FeatureStatistics.FitRobust(Data.Features, TrainRows),
            _ => Standardization.Identity(Data.FeatureCount),
        };
        if (_objective is RegressionObjective regression)
        {
            Label = initial?.Label ?? (_options.FeatureScaling != FeatureScaling.None
                ? FeatureStatistics.Fit(Data.Labels, 1, TrainRows)
                : Standardization.Identity(1));
            regression.LabelScale = Label.Scale[0];
        }
        Standardize(Data);
        if (Validation != Data) Standardize(Validation);
    }

    /// <summary>Reads the training data again into the same rows (<see cref="RegularizedTrainerOptions.ReadDataEachEpoch"/>) and standardizes it.</summary>
    public void Reload()
    {
        Data.Reload(_source, _options, _objective);
        Standardize(Data);
    }

    /// <summary>Standardizes the regression label of every row in place; the features are standardized by the network's first
    /// module (<see cref="InputStandardization"/>), so the rows stay as they were read.</summary>
    private void Standardize(TrainingData data) => Label?.ApplyInPlace(data.Labels);

    /// <summary>The network's first module for <see cref="Features"/>, or <see langword="null"/> when it is the identity.</summary>
    public InputStandardization? InputStandardization() => Features.IsIdentity ? null : new InputStandardization(Features);

    public void Dispose()
    {
        if (Validation != Data) Validation.Dispose();
        Data.Dispose();
    }
}
