using Microsoft.ML;
using Microsoft.ML.Transforms;
using MLNet.Regularization.Benchmarks.Tabular;
using MLNet.Regularization.Samples;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>A data set of <c>--tuning</c> and the trainer options it is tuned from: its training and test rows for a seed, as
/// Features (a Single vector) and Label (a key) columns.</summary>
internal abstract class TuningDataSet
{
    /// <summary>UCI's 8x8 digits through the Model Builder pipeline of <c>--tabular</c>, split 80/20 by the seed.</summary>
    public const string Digits = "digits";

    /// <summary>The 5,000 training and 1,000 test images of Fashion-MNIST-small as pixel vectors.</summary>
    public const string FashionMnistSmall = "fashion-mnist-small";

    /// <summary>Every data set, in the order they run.</summary>
    public static IReadOnlyList<string> Names { get; } = [Digits, FashionMnistSmall];

    /// <summary>The name <c>--data-sets</c> takes.</summary>
    public abstract string Name { get; }

    /// <summary>What the rows and the options are, for the header of the run.</summary>
    public abstract string Description { get; }

    /// <summary>The training and test rows for <paramref name="seed"/>.</summary>
    public abstract (IDataView Train, IDataView Test) Split(MLContext ml, int seed);

    /// <summary>The trainer's default options for this data: what the defaults arm trains and the searches start from.</summary>
    public abstract RegularizedMlpMulticlassTrainer.Options CreateOptions();

    /// <summary>The files the data set <paramref name="name"/> needs that are absent, for the error message.</summary>
    public static IEnumerable<string> Missing(string name, TuningSettings settings) => name == Digits
        ? TabularDataSets.Find(Digits)!.Source.Files.Select(f => Path.Combine(settings.TabularData, f)).Where(f => !File.Exists(f))
        : FashionMnistFolder.Files.Select(f => Path.Combine(settings.FashionData, f)).Where(f => !File.Exists(f));

    /// <summary>Reads the data set <paramref name="name"/>; digits is decompressed into <paramref name="scratch"/>.</summary>
    public static TuningDataSet Open(string name, TuningSettings settings, string scratch) => name == Digits
        ? new DigitsData(TabularDataSets.Find(Digits)!, settings.TabularData, scratch)
        : new FashionData(settings.FashionData);

    private sealed class DigitsData(TabularDataSet set, string folder, string scratch) : TuningDataSet
    {
        private const double TestFraction = 0.2;
        private readonly string _path = set.Source.Prepare(folder, scratch);

        public override string Name => Digits;

        public override string Description => "digits: 1,797 rows of 64 pixel counts, a seeded 80/20 split (test = the 20 %), the Model Builder " +
            "featurization of --tabular fitted on the 80 %; RegularizedMlp MlpPreset.Tabular";

        public override (IDataView Train, IDataView Test) Split(MLContext ml, int seed)
        {
            var split = ml.Data.TrainTestSplit(TabularPipeline.Load(ml, set, _path), TestFraction, seed: seed);
            var featurize = TabularPipeline.Featurize(ml, set)
                .Append(ml.Transforms.SelectColumns(TabularPipeline.Features, TabularPipeline.Label))
                .Fit(split.TrainSet);
            return (ml.Data.Cache(featurize.Transform(split.TrainSet)), ml.Data.Cache(featurize.Transform(split.TestSet)));
        }

        public override RegularizedMlpMulticlassTrainer.Options CreateOptions() => new();
    }

    private sealed class FashionData(string folder) : TuningDataSet
    {
        private readonly ImageRow[] _train = IdxDataset.Load(folder, "train");
        private readonly ImageRow[] _test = IdxDataset.Load(folder, "t10k");

        public override string Name => FashionMnistSmall;

        public override string Description => $"fashion-mnist-small: {_train.Length:N0} training and {_test.Length:N0} test images as 784 pixels in [0, 1] " +
            "(the same for every seed); RegularizedMlp MlpPreset.Pixels";

        public override (IDataView Train, IDataView Test) Split(MLContext ml, int seed)
        {
            var keys = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(ml.Data.LoadFromEnumerable(_train));
            return (keys.Transform(ml.Data.LoadFromEnumerable(_train)), keys.Transform(ml.Data.LoadFromEnumerable(_test)));
        }

        public override RegularizedMlpMulticlassTrainer.Options CreateOptions() => new(MlpPreset.Pixels);
    }
}
