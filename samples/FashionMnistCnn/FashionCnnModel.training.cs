using Microsoft.ML;
using MLNet.Regularization.ImageAugmentation;

namespace MLNet.Regularization.Samples;

public partial class FashionCnnModel
{
    /// <summary>The class names of Fashion-MNIST, in label order.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The trainer's options: the default CNN on 1 x 28 x 28 images, with every training batch shifted by up to two
    /// pixels (a crop of the image padded by 2) and mirrored left to right half of the time. Both keep a garment a garment;
    /// for digits or text a mirror would not.</summary>
    public static RegularizedCnnMulticlassTrainer.Options Options(bool augment = true) => new()
    {
        ImageChannels = 1,
        ImageHeight = 28,
        ImageWidth = 28,
        Augmentation = augment ? [new RandomCropOptions { Padding = 2 }, new RandomFlipOptions()] : [],
    };

    /// <summary>The training pipeline: label to key, the regularized CNN, predicted key back to the class number.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, RegularizedCnnMulticlassTrainer.Options? options = null) =>
        mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.RegularizedCnn(options ?? Options()))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>Trains the pipeline on <paramref name="trainingData"/>.</summary>
    public static ITransformer RetrainPipeline(MLContext mlContext, IDataView trainingData, RegularizedCnnMulticlassTrainer.Options? options = null) =>
        BuildPipeline(mlContext, options).Fit(trainingData);
}
