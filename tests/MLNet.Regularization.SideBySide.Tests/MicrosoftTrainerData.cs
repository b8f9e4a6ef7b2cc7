using Microsoft.ML;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.Data;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>A Microsoft.ML.TorchSharp trainer (one epoch, small batches) with a few rows of the input it expects.</summary>
public static class MicrosoftTrainerData
{
    public static (IEstimator<ITransformer> Trainer, IDataView Data) Create(MLContext ml, string trainer, string folder)
    {
        var trainers = ml.MulticlassClassification.Trainers;
        switch (trainer)
        {
            case "TextClassification":
            {
                var rows = ml.Data.LoadFromEnumerable(new TextRow[] { new("a fine film", "good"), new("a dull film", "bad"), new("fine acting", "good"), new("dull plot", "bad") });
                return (trainers.TextClassification(maxEpochs: 1, batchSize: 2), ml.Transforms.Conversion.MapValueToKey("Label").Fit(rows).Transform(rows));
            }
            case "SentenceSimilarity":
                return (ml.Regression.Trainers.SentenceSimilarity(maxEpochs: 1, batchSize: 2), ml.Data.LoadFromEnumerable(new PairRow[]
                    { new("a fine film", "a good film", 4), new("a fine film", "a red car", 0), new("dull plot", "boring story", 4), new("dull plot", "fast car", 1) }));
            case "NamedEntityRecognition":
            {
                var rows = ml.Data.LoadFromEnumerable(new TokensRow[] { new("Alice visits Paris", ["PER", "O", "LOC"]), new("Bob likes Rome", ["PER", "O", "LOC"]) });
                return (trainers.NamedEntityRecognition(maxEpochs: 1, batchSize: 2), ml.Transforms.Conversion.MapValueToKey("Label").Fit(rows).Transform(rows));
            }
            case "QuestionAnswer":
                return (trainers.QuestionAnswer(maxEpochs: 1, batchSize: 2), ml.Data.LoadFromEnumerable(new AnswerRow[]
                    { new("Alice lives in Paris.", "Where does Alice live?", "Paris", 15), new("Bob was born in 1990.", "When was Bob born?", "1990", 16) }));
            case "ObjectDetection":
            {
                var path = Path.Combine(folder, "square.png");
                var pixels = new byte[32 * 32 * 4];
                for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i % 4 == 3 ? 255 : (i / 4 % 32 < 16 ? 200 : 30));
                using (var image = MLImage.CreateFromPixels(32, 32, MLPixelFormat.Rgba32, pixels)) image.Save(path);
                var rows = ml.Data.LoadFromEnumerable(new BoxRow[] { new(path, ["square"], [0, 0, 16, 32]), new(path, ["square"], [0, 0, 16, 32]) });
                var prepared = ml.Transforms.Conversion.MapValueToKey("Label")
                    .Append(ml.Transforms.LoadImages("Image", null, "ImagePath")).Fit(rows).Transform(rows);
                return (trainers.ObjectDetection(maxEpoch: 1), prepared);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Not a Microsoft.ML.TorchSharp trainer of this test.");
        }
    }

    private sealed record TextRow(string Sentence1, string Label);

    private sealed record PairRow(string Sentence1, string Sentence2, float Label);

    private sealed record TokensRow(string Sentence, string[] Label);

    private sealed record AnswerRow(string Context, string Question, string TrainingAnswer, int AnswerIndex);

    private sealed record BoxRow(string ImagePath, string[] Label, float[] BoundingBoxes);
}
