using System.Diagnostics;
using MLNet.Regularization.Samples;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// The reference a user would write by hand: the same MLP as a plain TorchSharp Sequential, trained with
/// torch.optim.AdamW and cross-entropy over randperm-shuffled mini-batches, one dispose scope per batch
/// (the loop of ../shared/bench/torch_mlp.py, in C#). Holds the data as [N, 784] tensors of [0, 1] pixels.
/// </summary>
internal sealed class HandWrittenLoop(ImageRow[] train, ImageRow[] test) : IDisposable
{
    private readonly Tensor trainX = RowTensors.Features(train), trainY = RowTensors.Labels(train), testX = RowTensors.Features(test), testY = RowTensors.Labels(test);
    private readonly int classes = (int)train.Max(r => r.Label) + 1;

    /// <summary>Starts a training run: a fresh network seeded with <see cref="Setup.Seed"/> and its AdamW optimizer.</summary>
    public Run Start(int threads) => new(this, threads);

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
        private readonly HandWrittenLoop data;
        private readonly int threads;
        private readonly nn.Module<Tensor, Tensor> network;
        private readonly optim.Optimizer optimizer;
        private readonly PrivateRandomState random = new(Setup.Seed);

        internal Run(HandWrittenLoop data, int threads)
        {
            this.data = data;
            this.threads = threads;
            network = random.Run(() => BuildNetwork((int)data.trainX.shape[1], data.classes));
            optimizer = optim.AdamW(network.parameters(), lr: Setup.LearningRate, weight_decay: Setup.WeightDecay);
        }

        /// <summary>Wall seconds of each epoch trained so far (the epoch's batch loop, shuffling included).</summary>
        public List<double> EpochSeconds { get; } = [];

        /// <summary>Trains one epoch and returns its wall seconds.</summary>
        public double TrainEpoch()
        {
            set_num_threads(threads);
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
                for (long start = 0; start < rows; start += Setup.BatchSize)
                {
                    using var scope = NewDisposeScope();
                    var index = permutation.narrow(0, start, Math.Min(Setup.BatchSize, rows - start));
                    var x = data.trainX.index_select(0, index);
                    var y = data.trainY.index_select(0, index);
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(network.forward(x), y);
                    loss.backward();
                    optimizer.step();
                }
            }
            return timer.Elapsed.TotalSeconds;
        }

        /// <summary>Accuracy on the test rows, in evaluation mode without gradients.</summary>
        public double TestAccuracy()
        {
            network.eval();
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            return network.forward(data.testX).argmax(1).eq(data.testY).to(ScalarType.Float32).mean().item<float>();
        }

        public void Dispose()
        {
            optimizer.Dispose();
            network.Dispose();
            random.Dispose();
        }
    }

    private static nn.Module<Tensor, Tensor> BuildNetwork(int inputs, int classes)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputs;
        for (int i = 0; i < Setup.HiddenLayers.Length; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(width, Setup.HiddenLayers[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            layers.Add(($"dropout{i}", nn.Dropout(Setup.Dropout)));
            width = Setup.HiddenLayers[i];
        }
        layers.Add(("output", nn.Linear(width, classes)));
        return nn.Sequential(layers);
    }
}
