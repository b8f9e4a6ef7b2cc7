namespace MLNet.Regularization;

/// <summary>The prediction task a network was trained for, which decides its outputs.</summary>
public enum PredictionTask
{
    /// <summary>Binary classification: ONNX outputs "score" (the mean logit) and "probability" (the mean member probability), both [N, 1].</summary>
    Binary,
    /// <summary>Multiclass classification: ONNX output "score", the mean of the members' softmax probabilities, [N, K].</summary>
    Multiclass,
    /// <summary>Regression: ONNX output "score", the mean member output mapped back to label units, [N, 1].</summary>
    Regression,
}
