using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

public class SimpleOverloadTests
{
    private sealed class ImageRow
    {
        [VectorType(3, 6, 6)] public float[] Pixels { get; set; } = [];
    }

    [Fact]
    public void The_simple_overloads_build_working_transforms_in_place()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 30).Select(i => new ImageRow { Pixels = Enumerable.Range(0, 108).Select(j => ((i + j) % 9) / 8f).ToArray() }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var augment = ml.Transforms.Augment();
        var pipeline = augment.RandomAffine("Pixels", degrees: 20, translate: 0.2f, minScale: 0.9f, maxScale: 1.1f, shear: 5, seed: 1)
            .Append(augment.OneOf("Pixels", augment.RandomFlip("x", probability: 1), augment.GaussianBlur("x", 3)))
            .Append(augment.RandomOrder("Pixels", augment.GaussianNoise("x", 0.01f), augment.RandomErasing("x")));
        var output = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Pixels").ToArray();

        Assert.Equal(30, output.Length);
        Assert.True(output.Where((o, i) => !o.SequenceEqual(rows[i].Pixels)).Count() > 25);
    }

    [Fact]
    public void The_sized_crop_overloads_set_the_output_size()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 4).Select(i => new ImageRow { Pixels = Enumerable.Range(0, 108).Select(j => ((i + j) % 9) / 8f).ToArray() }));
        var augment = ml.Transforms.Augment();

        var cropped = augment.RandomCrop("Cropped", height: 5, width: 4, padding: 1, inputColumnName: "Pixels", seed: 2).Fit(data).Transform(data);
        var resized = augment.RandomResizedCrop("Resized", height: 9, width: 7, minScale: 0.5, inputColumnName: "Pixels").Fit(data).Transform(data);
        var shifted = augment.RandomCrop("Shifted", 2, "Pixels").Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3, 5, 4), cropped.Schema["Cropped"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3, 9, 7), resized.Schema["Resized"].Type);
        Assert.Equal(data.Schema["Pixels"].Type, shifted.Schema["Shifted"].Type);
        Assert.All(resized.GetColumn<float[]>("Resized"), p => Assert.Equal(3 * 9 * 7, p.Length));
    }
}
