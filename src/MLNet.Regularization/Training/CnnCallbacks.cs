using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.Tasks;

namespace MLNet.Regularization.Training;

/// <summary>The CNN trainers' callbacks: batch augmentation, then mixup and CutMix; checked before any data is read.</summary>
internal static class CnnCallbacks
{
    public static Func<int, IEnumerable<TrainingCallback>> Prepare(RegularizedCnnOptions options, CnnArchitecture architecture, Objective objective)
    {
        ImageBatchAugmentation? augmentation = null;
        if (options.Augmentation.Count > 0)
        {
            try
            {
                augmentation = new ImageBatchAugmentation(options.Augmentation, new ImageShape(architecture.Channels, architecture.Height, architecture.Width));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Option Augmentation: {e.Message}", nameof(options), e);
            }
        }
        bool mixing = options.MixupProbability > 0 || options.CutMixProbability > 0;
        if (mixing && !objective.HasSoftTargets)
            throw new ArgumentException($"Options MixupProbability and CutMixProbability need a classification task; {objective.Task} has no class targets to mix.");
        return seed =>
        {
            var callbacks = new List<TrainingCallback>();
            if (augmentation is not null)
            {
                var adaptive = options.AdaptiveAugmentation;
                callbacks.Add(new BatchAugmentation(augmentation, seed, adaptive?.InitialStrength ?? options.AugmentationStrength, options.NumberOfThreads));
                if (adaptive is not null) callbacks.Add(new AugmentationController(adaptive));
            }
            if (mixing)
                callbacks.Add(new BatchMixing(options.MixupProbability, options.MixupAlpha, options.CutMixProbability, options.CutMixAlpha, objective,
                    architecture.Height, architecture.Width, seed));
            return callbacks;
        };
    }
}
