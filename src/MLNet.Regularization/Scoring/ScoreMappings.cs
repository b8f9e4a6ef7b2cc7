using System.ComponentModel;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Regularization.Scoring;

// The ONNX graph gives per-row scalars as one-element vectors. These stateless CustomMapping factories turn them into the
// scalar columns ML.NET's evaluators expect. ML.NET saves a CustomMapping by contract name and finds the factory again
// at load time from the assembly it records, so models holding them load with a plain mlContext.Model.Load.

/// <summary>Input row of <see cref="BinaryScoreMapping"/>: the ONNX graph's outputs.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BinaryOnnxScores
{
    /// <summary>The mean logit.</summary>
    [ColumnName(NetworkOnnx.ScoreOutput), VectorType(1)] public float[] Score { get; set; } = [];

    /// <summary>The mean probability of the positive class.</summary>
    [ColumnName(NetworkOnnx.ProbabilityOutput), VectorType(1)] public float[] Probability { get; set; } = [];
}

/// <summary>Output row of <see cref="BinaryScoreMapping"/>: the columns of an ML.NET binary classifier.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BinaryScores
{
    /// <summary>The raw score (logit).</summary>
    public float Score { get; set; }

    /// <summary>The probability of the positive class.</summary>
    public float Probability { get; set; }

    /// <summary>Whether the probability is above one half.</summary>
    public bool PredictedLabel { get; set; }
}

/// <summary>Maps the ONNX graph's binary outputs to Score, Probability and PredictedLabel.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BinaryScoreMapping : CustomMappingFactory<BinaryOnnxScores, BinaryScores>
{
    /// <summary>The contract name saved with models.</summary>
    public const string ContractName = "MLNet.Regularization.BinaryScores";

    /// <inheritdoc/>
    public override Action<BinaryOnnxScores, BinaryScores> GetMapping() => static (input, output) =>
    {
        output.Score = input.Score[0];
        output.Probability = input.Probability[0];
        output.PredictedLabel = input.Probability[0] > 0.5f;
    };
}

/// <summary>Input row of <see cref="RegressionScoreMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RegressionOnnxScore
{
    /// <summary>The predicted value.</summary>
    [ColumnName(NetworkOnnx.ScoreOutput), VectorType(1)] public float[] Score { get; set; } = [];
}

/// <summary>Output row of <see cref="RegressionScoreMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RegressionScore
{
    /// <summary>The predicted value.</summary>
    public float Score { get; set; }
}

/// <summary>Maps the ONNX graph's regression output to the scalar Score column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class RegressionScoreMapping : CustomMappingFactory<RegressionOnnxScore, RegressionScore>
{
    /// <summary>The contract name saved with models.</summary>
    public const string ContractName = "MLNet.Regularization.RegressionScore";

    /// <inheritdoc/>
    public override Action<RegressionOnnxScore, RegressionScore> GetMapping() => static (input, output) => output.Score = input.Score[0];
}

/// <summary>Input row of <see cref="PredictedClassMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MulticlassOnnxScores
{
    /// <summary>The class probabilities.</summary>
    [ColumnName(NetworkOnnx.ScoreOutput), VectorType] public float[] Score { get; set; } = [];
}

/// <summary>Output row of <see cref="PredictedClassMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PredictedClass
{
    /// <summary>The 0-based index of the most probable class (the first one on ties).</summary>
    [ColumnName(ScoringPipeline.PredictedIndexColumn)] public uint Index { get; set; }
}

/// <summary>Maps class probabilities to the index of the most probable class.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PredictedClassMapping : CustomMappingFactory<MulticlassOnnxScores, PredictedClass>
{
    /// <summary>The contract name saved with models.</summary>
    public const string ContractName = "MLNet.Regularization.PredictedClass";

    /// <inheritdoc/>
    public override Action<MulticlassOnnxScores, PredictedClass> GetMapping() => static (input, output) =>
    {
        var scores = input.Score;
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        output.Index = (uint)best;
    };
}
