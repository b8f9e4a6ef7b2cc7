using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Cnn;

/// <summary>The CNN on an <c>MLImage</c> column: images of varying size scaled to the options' size, in training, scoring and a loaded model.</summary>
public sealed class ImageColumnTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("photos").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed class PhotoRow
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = "";
    }

    public sealed class PhotoPrediction
    {
        public float[] Score { get; set; } = [];
    }

    private static readonly string[] Colors = ["red", "green", "blue"];

    /// <summary>PNG files of gray noise, 14 to 20 pixels a side, with a square of one colour, 5 pixels a side, somewhere: the colour is the class.</summary>
    private PhotoRow[] Photos(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            int label = i % 3, width = random.Next(14, 21), height = random.Next(14, 21);
            var bgra = new byte[width * height * 4];
            for (int p = 0; p < width * height; p++)
            {
                byte gray = (byte)random.Next(60, 120);
                (bgra[4 * p], bgra[4 * p + 1], bgra[4 * p + 2], bgra[4 * p + 3]) = (gray, gray, gray, 255);
            }
            int top = random.Next(height - 5), left = random.Next(width - 5);
            for (int y = top; y < top + 5; y++)
                for (int x = left; x < left + 5; x++)
                {
                    int p = 4 * (y * width + x);
                    bgra[p] = (byte)(label == 2 ? 240 : 20);     // blue
                    bgra[p + 1] = (byte)(label == 1 ? 240 : 20); // green
                    bgra[p + 2] = (byte)(label == 0 ? 240 : 20); // red
                }
            string path = Path.Combine(_folder, $"{seed}-{i}.png");
            using (var image = MLImage.CreateFromPixels(width, height, MLPixelFormat.Bgra32, bgra)) image.Save(path);
            return new PhotoRow { ImagePath = path, Label = Colors[label] };
        }).ToArray();
    }

    /// <summary>The photos with their images loaded (an MLImage column of images of any size) and the label as a key.</summary>
    private IDataView Keyed(PhotoRow[] rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows);
        return _ml.Transforms.LoadImages("Image", null, "ImagePath").Append(_ml.Transforms.Conversion.MapValueToKey("Label")).Fit(data).Transform(data);
    }

    private static RegularizedCnnMulticlassTrainer.Options Options(Action<RegularizedCnnMulticlassTrainer.Options>? configure = null) =>
        CnnTrainerTests.Small(o =>
        {
            o.FeatureColumnName = "Image";
            o.ImageHeight = 12;
            o.ImageWidth = 12;
            o.Epochs = 10;
            configure?.Invoke(o);
        });

    [Fact]
    public void A_CNN_learns_from_images_of_varying_size_scaled_to_the_options_size_and_saves_with_its_image_column()
    {
        var train = Keyed(Photos(300, 1));
        var test = Keyed(Photos(90, 2));
        var model = _ml.MulticlassClassification.Trainers.RegularizedCnn(Options()).Fit(train);

        var architecture = Assert.IsType<CnnArchitecture>(model.Network.Architecture);
        Assert.Equal((3, 12, 12), (architecture.Channels, architecture.Height, architecture.Width));
        double accuracy = _ml.MulticlassClassification.Evaluate(model.Transform(test)).MacroAccuracy;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        Assert.DoesNotContain(model.Transform(test).Schema, c => c.Name.StartsWith("cnn.", StringComparison.Ordinal));

        using var file = new MemoryStream();
        _ml.Model.Save(model, train.Schema, file);
        file.Position = 0;
        var loaded = _ml.Model.Load(file, out _);
        Assert.IsType<Microsoft.ML.Transforms.Image.ImageDataViewType>(loaded.GetOutputSchema(test.Schema)["Image"].Type);
        var expected = model.Transform(test).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        var actual = loaded.Transform(test).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        Assert.Equal(expected, actual);

        var pipeline = _ml.Transforms.LoadImages("Image", null, "ImagePath").Fit(_ml.Data.LoadFromEnumerable(Photos(1, 8))).Append(loaded);
        var engine = _ml.Model.CreatePredictionEngine<PhotoRow, PhotoPrediction>(pipeline);
        var photo = Photos(3, 7)[0];
        Assert.Equal(3, engine.Predict(photo).Score.Length);
        Assert.Equal(0, Array.IndexOf(engine.Predict(photo).Score, engine.Predict(photo).Score.Max()));   // the red square
    }

    [Fact]
    public void Gray_images_take_one_channel()
    {
        var model = _ml.MulticlassClassification.Trainers.RegularizedCnn(Options(o => { o.ImageChannels = 1; o.Epochs = 1; })).Fit(Keyed(Photos(60, 1)));
        Assert.Equal(1, ((CnnArchitecture)model.Network.Architecture).Channels);
    }

    [Fact]
    public void An_image_column_without_a_size_in_the_options_is_refused_naming_the_options()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _ml.MulticlassClassification.Trainers.RegularizedCnn(Options(o => { o.ImageHeight = null; o.ImageWidth = null; })).Fit(Keyed(Photos(30, 1))));
        Assert.Contains("'Image' holds images", error.Message);
        Assert.Contains("ImageHeight and ImageWidth", error.Message);
    }

    [Fact]
    public void The_MLP_refuses_an_image_column_as_before()
    {
        var data = Keyed(Photos(30, 1));
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.FeatureColumnName = "Image")).Fit(data));
        Assert.Contains("'Image'", error.Message);
    }
}
