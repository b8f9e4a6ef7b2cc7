using System.Diagnostics;
using MLNet.Regularization.Samples;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// The CNN a user would write by hand in TorchSharp, with the training of <c>RegularizedCnn</c>'s defaults (see
/// <see cref="CnnSetup"/>): the pixels standardized with one mean and standard deviation over all training pixels, three blocks
/// of 2 x (Conv2d 3x3 without bias, BatchNorm2d, ReLU), MaxPool2d(2) and Dropout2d(0.1), global average pooling, Dropout(0.3)
/// and a linear output layer; <c>torch.optim.AdamW</c> with weight decay on the convolution kernels and the linear weight only
/// (two parameter groups), cross-entropy with label smoothing, a cosine learning rate per epoch, randperm-shuffled batches,
/// one dispose scope per batch. Holds the data as [N, 784] tensors of [0, 1] pixels.
/// </summary>
/// <remarks>The one difference from the pack is where the decay acts: <c>AdamW</c> multiplies the weights by
/// <c>1 - lr * decay</c> before its update, the pack right after it; the two differ by a term of order lr² per step.</remarks>
internal sealed class HandWrittenCnn(ImageRow[] train, ImageRow[] test) : IDisposable
{
    private const int EvaluationRows = 1000;
    private readonly Tensor trainX = RowTensors.Features(train), trainY = RowTensors.Labels(train);
    private readonly Tensor testX = RowTensors.Features(test), testY = RowTensors.Labels(test);
    private readonly int classes = (int)train.Max(r => r.Label) + 1;

    /// <summary>Starts a training run of <paramref name="epochs"/> epochs (the length of the cosine schedule): a fresh network
    /// seeded with <see cref="CnnSetup.Seed"/> and its optimizer.</summary>
    public Run Start(int threads, int epochs) => new(this, threads, epochs);

    public void Dispose()
    {
        trainX.Dispose();
        trainY.Dispose();
        testX.Dispose();
        testY.Dispose();
    }

    /// <summary>
    /// One training run, advanced an epoch at a time so that it can alternate with another trainer in the same process,
    /// with its own copy of torch's random state (<see cref="PrivateRandomState"/>).
    /// </summary>
    public sealed class Run : IDisposable
    {
        private readonly HandWrittenCnn data;
        private readonly int threads;
        private readonly int epochs;
        private readonly PrivateRandomState random = new(CnnSetup.Seed);
        private readonly Network network;
        private readonly optim.Optimizer optimizer;
        private readonly Tensor mean, std;

        internal Run(HandWrittenCnn data, int threads, int epochs)
        {
            this.data = data;
            this.threads = threads;
            this.epochs = epochs;
            using (var pixels = data.trainX.to_type(ScalarType.Float64))
            {
                mean = pixels.mean().to_type(ScalarType.Float32);
                std = pixels.std(unbiased: false).to_type(ScalarType.Float32);
            }
            network = random.Run(() => new Network(data.classes));
            // The usual recipe: decay the convolution kernels and linear weights, not the biases and batch-norm parameters.
            var decayed = network.named_parameters().Where(p => p.parameter.dim() > 1).Select(p => p.parameter).ToArray();
            var others = network.named_parameters().Where(p => p.parameter.dim() <= 1).Select(p => p.parameter).ToArray();
            optimizer = optim.AdamW(
                [new AdamW.ParamGroup(decayed, weight_decay: CnnSetup.WeightDecay), new AdamW.ParamGroup(others, weight_decay: 0)],
                lr: CnnSetup.LearningRate);
        }

        /// <summary>Wall seconds of each epoch trained so far (the epoch's batch loop, shuffling included).</summary>
        public List<double> EpochSeconds { get; } = [];

        /// <summary>Trains the next epoch and returns its wall seconds.</summary>
        public double TrainEpoch()
        {
            set_num_threads(threads);
            double learningRate = CnnSetup.CosineLearningRate(EpochSeconds.Count + 1, epochs);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
            double seconds = random.Run(TrainBatches);
            EpochSeconds.Add(seconds);
            return seconds;
        }

        private double TrainBatches()
        {
            var timer = Stopwatch.StartNew();
            network.train();
            long rows = data.trainX.shape[0];
            using (var permutation = randperm(rows))
            {
                for (long start = 0; start < rows; start += CnnSetup.BatchSize)
                {
                    long size = Math.Min(CnnSetup.BatchSize, rows - start);
                    if (size == 1) break;   // batch normalization cannot train on one row
                    using var scope = NewDisposeScope();
                    var index = permutation.narrow(0, start, size);
                    var x = data.trainX.index_select(0, index);
                    var y = data.trainY.index_select(0, index);
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(Forward(x), y, label_smoothing: CnnSetup.LabelSmoothing);
                    loss.backward();
                    optimizer.step();
                }
            }
            return timer.Elapsed.TotalSeconds;
        }

        /// <summary>Accuracy on the test rows, in evaluation mode without gradients, 1,000 rows at a time.</summary>
        public double TestAccuracy()
        {
            network.eval();
            using var _ = no_grad();
            long rows = data.testX.shape[0], correct = 0;
            for (long start = 0; start < rows; start += EvaluationRows)
            {
                using var scope = NewDisposeScope();
                long size = Math.Min(EvaluationRows, rows - start);
                var predicted = Forward(data.testX.narrow(0, start, size)).argmax(1);
                correct += predicted.eq(data.testY.narrow(0, start, size)).sum().item<long>();
            }
            return (double)correct / rows;
        }

        private Tensor Forward(Tensor pixels) =>
            network.forward(((pixels - mean) / std).view(-1, 1, CnnSetup.ImageSize, CnnSetup.ImageSize));

        public void Dispose()
        {
            optimizer.Dispose();
            network.Dispose();
            mean.Dispose();
            std.Dispose();
            random.Dispose();
        }
    }

    /// <summary>The network: the convolution blocks, global average pooling and the head.</summary>
    private sealed class Network : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential features;
        private readonly Sequential head;

        public Network(int classes) : base(nameof(HandWrittenCnn))
        {
            var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
            int channels = 1;
            for (int b = 0; b < CnnSetup.BlockChannels.Count; b++)
            {
                int outputs = CnnSetup.BlockChannels[b];
                for (int i = 0; i < 2; i++)
                {
                    layers.Add(($"conv{b}_{i}", nn.Conv2d(i == 0 ? channels : outputs, outputs, 3, padding: 1, bias: false)));
                    layers.Add(($"norm{b}_{i}", nn.BatchNorm2d(outputs)));
                    layers.Add(($"relu{b}_{i}", nn.ReLU()));
                }
                layers.Add(($"pool{b}", nn.MaxPool2d(2)));
                layers.Add(($"dropout{b}", nn.Dropout2d(CnnSetup.SpatialDropout)));
                channels = outputs;
            }
            features = nn.Sequential(layers);
            head = nn.Sequential(("dropout", nn.Dropout(CnnSetup.Dropout)), ("output", nn.Linear(channels, classes)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            return head.forward(features.forward(input).mean([2, 3])).MoveToOuterDisposeScope();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                features.Dispose();
                head.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
