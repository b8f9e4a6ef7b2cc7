using Microsoft.ML;

namespace MLNet.Regularization;

/// <summary>Catalog entries of the regularized CNN trainers: <c>mlContext.&lt;Task&gt;.Trainers.RegularizedCnn(...)</c>.</summary>
public static class RegularizedCnnCatalog
{
    /// <summary>Creates a <see cref="RegularizedCnnMulticlassTrainer"/>: a convolutional network for multiclass image classification with
    /// batch normalization, spatial dropout, dropout, weight decay and label smoothing by default.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The pixel column, as <c>ExtractPixels</c> makes it (channels, height, width).</param>
    /// <param name="epochs">Number of passes over the data.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer.</param>
    /// <param name="augmentation">The augmentation of every training batch (for example <c>[new RandomCropOptions { Padding = 4 }, new RandomFlipOptions()]</c>); <see langword="null"/> for none.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedCnnMulticlassTrainer RegularizedCnn(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int epochs = RegularizedTrainerOptions.Defaults.Epochs,
        double learningRate = RegularizedTrainerOptions.Defaults.LearningRate,
        ImageAugmentation.ImageAugmentationOptions[]? augmentation = null,
        int? seed = null)
        => catalog.RegularizedCnn(Fill(new RegularizedCnnMulticlassTrainer.Options(), labelColumnName, featureColumnName, epochs, learningRate, augmentation, seed));

    /// <summary>Creates a <see cref="RegularizedCnnMulticlassTrainer"/> with every option.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedCnnMulticlassTrainer RegularizedCnn(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, RegularizedCnnMulticlassTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    /// <summary>Creates a <see cref="RegularizedCnnBinaryTrainer"/>: a convolutional network for binary image classification with
    /// batch normalization, spatial dropout, dropout, weight decay and label smoothing by default.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="featureColumnName">The pixel column, as <c>ExtractPixels</c> makes it (channels, height, width).</param>
    /// <param name="epochs">Number of passes over the data.</param>
    /// <param name="learningRate">Initial learning rate of the AdamW optimizer.</param>
    /// <param name="augmentation">The augmentation of every training batch; <see langword="null"/> for none.</param>
    /// <param name="seed">Seed of every random step; <see langword="null"/> draws it from the <c>MLContext</c>'s random source.</param>
    public static RegularizedCnnBinaryTrainer RegularizedCnn(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int epochs = RegularizedTrainerOptions.Defaults.Epochs,
        double learningRate = RegularizedTrainerOptions.Defaults.LearningRate,
        ImageAugmentation.ImageAugmentationOptions[]? augmentation = null,
        int? seed = null)
        => catalog.RegularizedCnn(Fill(new RegularizedCnnBinaryTrainer.Options(), labelColumnName, featureColumnName, epochs, learningRate, augmentation, seed));

    /// <summary>Creates a <see cref="RegularizedCnnBinaryTrainer"/> with every option.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">The trainer options.</param>
    public static RegularizedCnnBinaryTrainer RegularizedCnn(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, RegularizedCnnBinaryTrainer.Options options)
        => new(CatalogEnvironment.Of(catalog), options);

    private static TOptions Fill<TOptions>(TOptions options, string labelColumnName, string featureColumnName, int epochs, double learningRate,
        ImageAugmentation.ImageAugmentationOptions[]? augmentation, int? seed) where TOptions : RegularizedCnnOptions
    {
        options.LabelColumnName = labelColumnName;
        options.FeatureColumnName = featureColumnName;
        options.Epochs = epochs;
        options.LearningRate = learningRate;
        options.Augmentation = augmentation ?? [];
        options.Seed = seed;
        return options;
    }
}
