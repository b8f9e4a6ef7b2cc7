using Microsoft.ML;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.NasBert;
using Microsoft.ML.TorchSharp.Roberta;
using Xunit;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>One MLContext's catalogs offer the pack's trainers and Microsoft.ML.TorchSharp's, each found where a user types it.</summary>
public class CatalogTests
{
    [Fact]
    public void The_same_catalogs_create_the_pack_s_trainers_and_every_Microsoft_ML_TorchSharp_trainer()
    {
        var ml = new MLContext(seed: 1);

        Assert.IsType<RegularizedMlpBinaryTrainer>(ml.BinaryClassification.Trainers.RegularizedMlp());
        Assert.IsType<RegularizedMlpMulticlassTrainer>(ml.MulticlassClassification.Trainers.RegularizedMlp());
        Assert.IsType<RegularizedMlpRegressionTrainer>(ml.Regression.Trainers.RegularizedMlp());

        Assert.IsType<TextClassificationTrainer>(ml.MulticlassClassification.Trainers.TextClassification());
        Assert.IsType<SentenceSimilarityTrainer>(ml.Regression.Trainers.SentenceSimilarity());
        Assert.IsType<NerTrainer>(ml.MulticlassClassification.Trainers.NamedEntityRecognition());
        Assert.IsType<QATrainer>(ml.MulticlassClassification.Trainers.QuestionAnswer());
        Assert.IsType<ObjectDetectionTrainer>(ml.MulticlassClassification.Trainers.ObjectDetection());
    }
}
