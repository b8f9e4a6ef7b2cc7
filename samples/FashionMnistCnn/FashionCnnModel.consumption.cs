using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Samples;

public partial class FashionCnnModel
{
    /// <summary>One image to classify: 784 pixels in [0, 1], row-major 28 x 28 (one channel). The label is the training
    /// column; it is not needed for a prediction.</summary>
    public class ModelInput
    {
        [VectorType(784)] public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    /// <summary>The prediction: the class number and the probability of each class.</summary>
    public class ModelOutput
    {
        [ColumnName("PredictedLabel")] public uint PredictedClass { get; set; }
        public float[] Score { get; set; } = [];
    }

    /// <summary>Where <c>Program</c> saves the trained model.</summary>
    public static string MLNetModelPath = Path.Combine(AppContext.BaseDirectory, "FashionCnnModel.zip");

    private static readonly Lazy<PredictionEngine<ModelInput, ModelOutput>> PredictEngine = new(() =>
    {
        var mlContext = new MLContext();
        var model = mlContext.Model.Load(MLNetModelPath, out _);
        return mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
    });

    /// <summary>Classifies one image with the saved model.</summary>
    public static ModelOutput Predict(ModelInput input) => PredictEngine.Value.Predict(input);
}
