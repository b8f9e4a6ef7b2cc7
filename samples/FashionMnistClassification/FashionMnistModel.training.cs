using Microsoft.ML;

namespace MLNet.Regularization.Samples;

public partial class FashionMnistModel
{
    /// <summary>The class names of Fashion-MNIST, in label order.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The training pipeline: label to key, the regularized MLP with its defaults, predicted key back to the class number.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, RegularizedMlpMulticlassTrainer.Options? options = null) =>
        mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.RegularizedMlp(options ?? new RegularizedMlpMulticlassTrainer.Options()))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>Trains the pipeline on <paramref name="trainingData"/>.</summary>
    public static ITransformer RetrainPipeline(MLContext mlContext, IDataView trainingData, RegularizedMlpMulticlassTrainer.Options? options = null) =>
        BuildPipeline(mlContext, options).Fit(trainingData);
}
