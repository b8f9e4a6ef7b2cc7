using Microsoft.ML;

namespace MLNet.Regularization.Samples;

public partial class FashionMnistModel
{
    /// <summary>The class names of Fashion-MNIST, in label order.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The training pipeline: label to key, the regularized MLP (its defaults unless <paramref name="options"/>
    /// says otherwise), predicted key back to the class number.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, RegularizedMlpMulticlassTrainer.Options? options = null) =>
        mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.RegularizedMlp(options ?? new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels)))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>Trains the pipeline on <paramref name="trainingData"/>.</summary>
    public static ITransformer RetrainPipeline(MLContext mlContext, IDataView trainingData, RegularizedMlpMulticlassTrainer.Options? options = null) =>
        BuildPipeline(mlContext, options).Fit(trainingData);

    /// <summary>
    /// Trains the same pipeline step by step so that the network also reports, after every epoch, its loss and accuracy
    /// on <paramref name="validationData"/>. With early stopping off (the default) those figures are only watched: they
    /// do not steer training.
    /// </summary>
    public static (ITransformer Model, RegularizedNetworkModel Network) RetrainPipeline(MLContext mlContext, IDataView trainingData,
        IDataView validationData, RegularizedMlpMulticlassTrainer.Options? options = null)
    {
        var labelToKey = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(trainingData);
        var network = mlContext.MulticlassClassification.Trainers.RegularizedMlp(options ?? new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels))
            .Fit(labelToKey.Transform(trainingData), labelToKey.Transform(validationData));
        var keyToClass = mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(network.Transform(labelToKey.Transform(trainingData)));
        return (labelToKey.Append(network).Append(keyToClass), network);
    }
}
