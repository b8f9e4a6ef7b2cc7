using Microsoft.ML;

namespace MLNet.Regularization;

/// <summary>Catalog entries of the regularized MLP trainers: <c>mlContext.&lt;Task&gt;.Trainers.RegularizedMlp(...)</c>.</summary>
public static class RegularizedMlpCatalog
{
    /// <summary>Creates a <see cref="RegularizedMlpBinaryTrainer"/>: a multilayer perceptron for binary classification at the defaults
    /// for tables (<see cref="MlpPreset.Tabular"/>: robust scaling, dropout, decoupled weight decay, label smoothing; early stopping is off until
    /// <see cref="RegularizedTrainerOptions.EarlyStopping"/> and validation data turn it on).</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="hiddenLayers">Hidden layer sizes, input side first; <see langword="null"/> for the default.</param>
    /// <param name="epochs">Number of passes over the data; <see langword="null"/> for the default.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer; <see langword="null"/> for the default.</param>
    /// <param name="dropout">Dropout probability after each hidden layer; <see langword="null"/> for the default.</param>
    /// <param name="weightDecay">Decoupled weight decay; <see langword="null"/> for the default.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int[]? hiddenLayers = null,
        int? epochs = null,
        double? learningRate = null,
        double? dropout = null,
        double? weightDecay = null,
        int? seed = null)
        => catalog.RegularizedMlp(Fill(new RegularizedMlpBinaryTrainer.Options(), labelColumnName, featureColumnName, hiddenLayers, epochs, learningRate, dropout, weightDecay, seed));

    /// <summary>Creates a <see cref="RegularizedMlpBinaryTrainer"/> with every option.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, RegularizedMlpBinaryTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    /// <summary>Creates a <see cref="RegularizedMlpMulticlassTrainer"/>: a multilayer perceptron for multiclass classification at the defaults
    /// for tables (<see cref="MlpPreset.Tabular"/>: robust scaling, dropout, decoupled weight decay, label smoothing; early stopping is off until
    /// <see cref="RegularizedTrainerOptions.EarlyStopping"/> and validation data turn it on).</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="hiddenLayers">Hidden layer sizes, input side first; <see langword="null"/> for the default.</param>
    /// <param name="epochs">Number of passes over the data; <see langword="null"/> for the default.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer; <see langword="null"/> for the default.</param>
    /// <param name="dropout">Dropout probability after each hidden layer; <see langword="null"/> for the default.</param>
    /// <param name="weightDecay">Decoupled weight decay; <see langword="null"/> for the default.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int[]? hiddenLayers = null,
        int? epochs = null,
        double? learningRate = null,
        double? dropout = null,
        double? weightDecay = null,
        int? seed = null)
        => catalog.RegularizedMlp(Fill(new RegularizedMlpMulticlassTrainer.Options(), labelColumnName, featureColumnName, hiddenLayers, epochs, learningRate, dropout, weightDecay, seed));

    /// <summary>Creates a <see cref="RegularizedMlpMulticlassTrainer"/> with every option.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, RegularizedMlpMulticlassTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    /// <summary>Creates a <see cref="RegularizedMlpRegressionTrainer"/>: a multilayer perceptron for regression at the defaults
    /// for tables (<see cref="MlpPreset.Tabular"/>: robust scaling, a standardized label, dropout, decoupled weight decay; early stopping is off until
    /// <see cref="RegularizedTrainerOptions.EarlyStopping"/> and validation data turn it on).</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">The Single label column.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="hiddenLayers">Hidden layer sizes, input side first; <see langword="null"/> for the default.</param>
    /// <param name="epochs">Number of passes over the data; <see langword="null"/> for the default.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer; <see langword="null"/> for the default.</param>
    /// <param name="dropout">Dropout probability after each hidden layer; <see langword="null"/> for the default.</param>
    /// <param name="weightDecay">Decoupled weight decay; <see langword="null"/> for the default.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(
        this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int[]? hiddenLayers = null,
        int? epochs = null,
        double? learningRate = null,
        double? dropout = null,
        double? weightDecay = null,
        int? seed = null)
        => catalog.RegularizedMlp(Fill(new RegularizedMlpRegressionTrainer.Options(), labelColumnName, featureColumnName, hiddenLayers, epochs, learningRate, dropout, weightDecay, seed));

    /// <summary>Creates a <see cref="RegularizedMlpRegressionTrainer"/> with every option.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(
        this RegressionCatalog.RegressionTrainers catalog, RegularizedMlpRegressionTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    private static TOptions Fill<TOptions>(TOptions options, string label, string features, int[]? hiddenLayers, int? epochs,
        double? learningRate, double? dropout, double? weightDecay, int? seed) where TOptions : RegularizedMlpOptions
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        if (hiddenLayers is not null) options.HiddenLayers = hiddenLayers;
        if (epochs is int e) options.Epochs = e;
        if (learningRate is double rate) options.LearningRate = rate;
        if (dropout is double p) options.Dropout = [p];
        if (weightDecay is double decay) options.WeightDecay = decay;
        options.Seed = seed;
        return options;
    }
}
