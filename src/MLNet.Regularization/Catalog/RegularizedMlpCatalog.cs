using Microsoft.ML;

namespace MLNet.Regularization;

/// <summary>Catalog entries of the regularized MLP trainers: <c>mlContext.&lt;Task&gt;.Trainers.RegularizedMlp(...)</c>.</summary>
public static class RegularizedMlpCatalog
{
    /// <summary>Creates a <see cref="RegularizedMlpBinaryTrainer"/>: a multilayer perceptron for binary classification with dropout,
    /// decoupled weight decay, input noise and standardized inputs by default (early stopping is off until
    /// <see cref="RegularizedTrainerOptions.EarlyStopping"/> and validation data turn it on).</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="hiddenLayers">Hidden layer sizes, input side first; <see langword="null"/> for the default [512, 256].</param>
    /// <param name="epochs">Number of passes over the data.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer.</param>
    /// <param name="dropout">Dropout probability after each hidden layer.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int[]? hiddenLayers = null,
        int epochs = RegularizedTrainerOptions.Defaults.Epochs,
        double learningRate = RegularizedTrainerOptions.Defaults.LearningRate,
        double dropout = RegularizedMlpOptions.Defaults.Dropout,
        double weightDecay = RegularizedTrainerOptions.Defaults.WeightDecay,
        int? seed = null)
        => catalog.RegularizedMlp(Fill(new RegularizedMlpBinaryTrainer.Options(), labelColumnName, featureColumnName, hiddenLayers, epochs, learningRate, dropout, weightDecay, seed));

    /// <summary>Creates a <see cref="RegularizedMlpBinaryTrainer"/> with every option.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, RegularizedMlpBinaryTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    /// <summary>Creates a <see cref="RegularizedMlpMulticlassTrainer"/>: a multilayer perceptron for multiclass classification with dropout,
    /// decoupled weight decay, input noise and standardized inputs by default (early stopping is off until
    /// <see cref="RegularizedTrainerOptions.EarlyStopping"/> and validation data turn it on).</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="hiddenLayers">Hidden layer sizes, input side first; <see langword="null"/> for the default [512, 256].</param>
    /// <param name="epochs">Number of passes over the data.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer.</param>
    /// <param name="dropout">Dropout probability after each hidden layer.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int[]? hiddenLayers = null,
        int epochs = RegularizedTrainerOptions.Defaults.Epochs,
        double learningRate = RegularizedTrainerOptions.Defaults.LearningRate,
        double dropout = RegularizedMlpOptions.Defaults.Dropout,
        double weightDecay = RegularizedTrainerOptions.Defaults.WeightDecay,
        int? seed = null)
        => catalog.RegularizedMlp(Fill(new RegularizedMlpMulticlassTrainer.Options(), labelColumnName, featureColumnName, hiddenLayers, epochs, learningRate, dropout, weightDecay, seed));

    /// <summary>Creates a <see cref="RegularizedMlpMulticlassTrainer"/> with every option.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, RegularizedMlpMulticlassTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    /// <summary>Creates a <see cref="RegularizedMlpRegressionTrainer"/>: a multilayer perceptron for regression with dropout,
    /// decoupled weight decay, input noise and standardized inputs and label by default (early stopping is off until
    /// <see cref="RegularizedTrainerOptions.EarlyStopping"/> and validation data turn it on).</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">The Single label column.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="hiddenLayers">Hidden layer sizes, input side first; <see langword="null"/> for the default [512, 256].</param>
    /// <param name="epochs">Number of passes over the data.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer.</param>
    /// <param name="dropout">Dropout probability after each hidden layer.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(
        this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int[]? hiddenLayers = null,
        int epochs = RegularizedTrainerOptions.Defaults.Epochs,
        double learningRate = RegularizedTrainerOptions.Defaults.LearningRate,
        double dropout = RegularizedMlpOptions.Defaults.Dropout,
        double weightDecay = RegularizedTrainerOptions.Defaults.WeightDecay,
        int? seed = null)
        => catalog.RegularizedMlp(Fill(new RegularizedMlpRegressionTrainer.Options(), labelColumnName, featureColumnName, hiddenLayers, epochs, learningRate, dropout, weightDecay, seed));

    /// <summary>Creates a <see cref="RegularizedMlpRegressionTrainer"/> with every option.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(
        this RegressionCatalog.RegressionTrainers catalog, RegularizedMlpRegressionTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    private static TOptions Fill<TOptions>(TOptions options, string label, string features, int[]? hiddenLayers, int epochs,
        double learningRate, double dropout, double weightDecay, int? seed) where TOptions : RegularizedMlpOptions
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        if (hiddenLayers is not null) options.HiddenLayers = hiddenLayers;
        options.Epochs = epochs;
        options.LearningRate = learningRate;
        options.Dropout = [dropout];
        options.WeightDecay = weightDecay;
        options.Seed = seed;
        return options;
    }
}
