using Microsoft.ML;
using Xunit;

namespace MLNet.Regularization.Tests.Regularization;

/// <summary>Adam takes WeightDecay into the gradient (coupled, as torch.optim.Adam); AdamW decays the weights apart from the step.</summary>
public class WeightDecayTests
{
    private readonly MLContext _ml = new(seed: 1);

    private float[] Weights(Action<RegularizedMlpRegressionTrainer.Options> configure)
    {
        var model = _ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => { o.Epochs = 5; configure(o); }))
            .Fit(TestData.Regression(_ml, 200));
        return model.Network.Members[0].Layers().SelectMany(l => l.Weight).ToArray();
    }

    private static double LargestDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Fact]
    public void Adam_weight_decay_is_an_L2_penalty_of_half_the_decay()
    {
        var decayed = Weights(o => { o.Optimizer = Optimizer.Adam; o.WeightDecay = 0.1; });
        var penalized = Weights(o => { o.Optimizer = Optimizer.Adam; o.WeightDecay = 0; o.L2 = 0.05; });
        var plain = Weights(o => { o.Optimizer = Optimizer.Adam; o.WeightDecay = 0; });

        Assert.True(LargestDifference(decayed, penalized) < 1e-4, $"Adam with WeightDecay against L2: {LargestDifference(decayed, penalized)}");
        Assert.True(LargestDifference(decayed, plain) > 1e-3, "the decay changes the weights");
    }

    [Fact]
    public void AdamW_weight_decay_is_decoupled_and_differs_from_Adam()
    {
        var adam = Weights(o => { o.Optimizer = Optimizer.Adam; o.WeightDecay = 0.1; });
        var adamW = Weights(o => { o.Optimizer = Optimizer.AdamW; o.WeightDecay = 0.1; });
        var plain = Weights(o => { o.Optimizer = Optimizer.AdamW; o.WeightDecay = 0; });

        Assert.True(LargestDifference(adam, adamW) > 1e-3, $"Adam and AdamW with the same decay: {LargestDifference(adam, adamW)}");
        Assert.True(LargestDifference(adamW, plain) > 1e-4, "the decay changes AdamW's weights");
        // Decoupled decay shrinks the weights directly: AdamW's weights are smaller than those without decay.
        Assert.True(adamW.Sum(w => w * w) < plain.Sum(w => w * w));
    }
}
