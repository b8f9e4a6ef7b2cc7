using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.Training;

namespace MLNet.Regularization;

/// <summary>
/// Options of the regularized CNN trainers: the image shape, the convolution blocks and the head, their regularizers (batch
/// normalization, spatial dropout, dropout), augmentation of every training batch, mixup and CutMix, on top of the options
/// every trainer shares. The defaults give a good network on small images (28x28 gray, 32x32 RGB) without tuning: three blocks
/// of two 3x3 convolutions (32, 64, 128 channels) with batch normalization and max pooling, global average pooling, spatial
/// dropout 0.1, dropout 0.3 before the output layer, AdamW with weight decay 0.01, label smoothing 0.1 and a cosine schedule.
/// Augmentation is off until <see cref="Augmentation"/> names the steps that suit the images.
/// </summary>
public abstract class RegularizedCnnOptions : RegularizedTrainerOptions
{
    /// <summary>Default values of the CNN's own options (see <see cref="RegularizedTrainerOptions.Defaults"/> for the others).</summary>
    public static new class Defaults
    {
        /// <summary>Default output channels of the convolution blocks.</summary>
        public static readonly IReadOnlyList<int> BlockChannels = [32, 64, 128];
        /// <summary>Default convolutions per block.</summary>
        public const int ConvolutionsPerBlock = 2;
        /// <summary>Default kernel size.</summary>
        public const int KernelSize = 3;
        /// <summary>Default spatial dropout after each block.</summary>
        public const double SpatialDropout = 0.1;
        /// <summary>Default dropout in the head.</summary>
        public const double Dropout = 0.3;
        /// <summary>Default mini-batch size.</summary>
        public const int BatchSize = 128;
        /// <summary>Default mixup and CutMix alpha (of the Beta distribution the mixing ratio is drawn from).</summary>
        public const double MixAlpha = 1.0;
    }

    private protected RegularizedCnnOptions()
    {
        InputNoiseStdDev = 0;
        BatchSize = Defaults.BatchSize;
    }

    // ---- Images ----

    /// <summary>The image channels (1 gray, 3 RGB) when the feature column's type does not give the shape; <see langword="null"/>
    /// takes it from the column, a vector with dimensions (channels, height, width) as <c>ExtractPixels</c> makes it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [OptionRange(1, double.PositiveInfinity, NullMeans = "to take it from the column")]
    public int? ImageChannels { get; set; }

    /// <summary>The image height when the feature column's type does not give it; <see langword="null"/> takes it from the column.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [OptionRange(1, double.PositiveInfinity, NullMeans = "to take it from the column")]
    public int? ImageHeight { get; set; }

    /// <summary>The image width when the feature column's type does not give it; <see langword="null"/> takes it from the column.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [OptionRange(1, double.PositiveInfinity, NullMeans = "to take it from the column")]
    public int? ImageWidth { get; set; }

    // ---- Network ----

    /// <summary>The output channels of each convolution block, input side first; each block ends in a pooling that halves the size.</summary>
    /// <value>The default value is [32, 64, 128].</value>
    [OptionRange(1, double.PositiveInfinity)]
    public IReadOnlyList<int> BlockChannels { get; set; } = Defaults.BlockChannels;

    /// <summary>The same-padded convolutions in each block.</summary>
    /// <value>The default value is 2.</value>
    [OptionRange(1, double.PositiveInfinity)]
    public int ConvolutionsPerBlock { get; set; } = Defaults.ConvolutionsPerBlock;

    /// <summary>The height and width of the convolution kernels: an odd number.</summary>
    /// <value>The default value is 3.</value>
    [OptionRange(1, double.PositiveInfinity)]
    public int KernelSize { get; set; } = Defaults.KernelSize;

    /// <summary>The pooling at the end of each block.</summary>
    /// <value>The default value is <see cref="CnnPooling.Max"/>.</value>
    public CnnPooling Pooling { get; set; } = CnnPooling.Max;

    /// <summary>Whether each block adds its input (through a 1x1 convolution when the channels change) before its last activation, as ResNet does.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Residual { get; set; }

    /// <summary>Whether the last feature maps are averaged per channel before the head (else flattened, which keeps positions and has more weights).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool GlobalAveragePooling { get; set; } = true;

    /// <summary>The dense hidden layers of the head, between the pooled features and the output layer.</summary>
    /// <value>The default value is [] (the output layer alone).</value>
    [OptionRange(1, double.PositiveInfinity)]
    public IReadOnlyList<int> HeadLayers { get; set; } = [];

    /// <summary>The activation after each convolution and each dense hidden layer.</summary>
    /// <value>The default value is <see cref="Activation.ReLU"/>.</value>
    public Activation Activation { get; set; } = Activation.ReLU;

    // ---- The network's regularizers ----

    /// <summary>Whether batch normalization follows each convolution and each dense hidden layer; running statistics are used at prediction.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool BatchNormalization { get; set; } = true;

    /// <summary>Spatial dropout at the end of each block: the probability that a whole feature map is zeroed in training (<c>Dropout2d</c>).</summary>
    /// <value>The default value is 0.1.</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public double SpatialDropout { get; set; } = Defaults.SpatialDropout;

    /// <summary>Dropout probability after each dense hidden layer of the head, or before the output layer when the head has none. Active in training only.</summary>
    /// <value>The default value is 0.3.</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public double Dropout { get; set; } = Defaults.Dropout;

    /// <summary>Label smoothing epsilon in [0, 1): the training target puts 1 - epsilon on the true class and spreads epsilon over all classes.</summary>
    /// <value>The default value is 0.1.</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public double LabelSmoothing { get; set; } = RegularizedTrainerOptions.Defaults.LabelSmoothing;

    // ---- Augmentation of every training batch ----

    /// <summary>The augmentation steps applied to every training batch, in order, each with its own probability: the options types
    /// of <c>mlContext.Transforms.Augment()</c> (for example <c>new RandomCropOptions { Padding = 4 }</c> and
    /// <c>new RandomFlipOptions()</c>), on the pixels before standardization. Each epoch draws afresh, seeded by <see cref="RegularizedTrainerOptions.Seed"/>
    /// (the steps' own seeds and column names are not used); validation and prediction never see it. The steps must keep the image size.</summary>
    /// <value>The default value is [] (none).</value>
    public IReadOnlyList<ImageAugmentationOptions> Augmentation { get; set; } = [];

    /// <summary>The strength of the batch augmentation, in [0, 1]: each step of <see cref="Augmentation"/> applies with its own
    /// probability times this strength (StyleGAN2-ADA's augmentation probability p): 0 turns the augmentation off, 1 applies every
    /// step with its own probability. With <see cref="AdaptiveAugmentation"/> set, the strength follows the measured overfitting
    /// instead, from <see cref="AdaptiveAugmentation.InitialStrength"/>.</summary>
    /// <value>The default value is 1.</value>
    [OptionRange(0, 1)]
    public double AugmentationStrength { get; set; } = 1;

    /// <summary>Adapts <see cref="AugmentationStrength"/> during training from the measured overfitting (see
    /// <see cref="MLNet.Regularization.AdaptiveAugmentation"/>); needs <see cref="Augmentation"/> steps and validation figures.
    /// <see langword="null"/> keeps the strength fixed.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public AdaptiveAugmentation? AdaptiveAugmentation { get; set; }

    /// <summary>The probability that a training batch is mixed with mixup (Zhang et al. 2018): each image blended with another of the
    /// batch, and the targets in the same ratio, drawn from Beta(<see cref="MixupAlpha"/>, <see cref="MixupAlpha"/>).
    /// <see cref="MixupProbability"/> + <see cref="CutMixProbability"/> is at most 1; a batch is mixed by one of them at most.</summary>
    /// <value>The default value is 0 (off).</value>
    [OptionRange(0, 1)]
    public double MixupProbability { get; set; }

    /// <summary>The alpha of mixup's Beta distribution: small values mix little, 1 mixes uniformly.</summary>
    /// <value>The default value is 1.</value>
    [OptionRange(0, double.PositiveInfinity, MinimumExclusive = true)]
    public double MixupAlpha { get; set; } = Defaults.MixAlpha;

    /// <summary>The probability that a training batch is mixed with CutMix (Yun et al. 2019): a box of each image replaced by the same box
    /// of another, the targets mixed in the ratio of the areas.</summary>
    /// <value>The default value is 0 (off).</value>
    [OptionRange(0, 1)]
    public double CutMixProbability { get; set; }

    /// <summary>The alpha of CutMix's Beta distribution, from which the share of the image kept is drawn.</summary>
    /// <value>The default value is 1.</value>
    [OptionRange(0, double.PositiveInfinity, MinimumExclusive = true)]
    public double CutMixAlpha { get; set; } = Defaults.MixAlpha;

    internal override (string Option, string Off)? OptionNeedingValidation =>
        AdaptiveAugmentation is not null ? (nameof(AdaptiveAugmentation), "null") : base.OptionNeedingValidation;

    internal override void Validate()
    {
        base.Validate();
        OptionsValidator.Validate(this);
    }

    internal override Networks.LayerRegularization LayerRegularization() =>
        new(InputNoiseStdDev, InputDropout, [Dropout], SpatialDropout, BatchNormalization);

    /// <summary>For an <c>MLImage</c> column: the steps that scale the images to <see cref="ImageHeight"/> x <see cref="ImageWidth"/>
    /// and extract their pixels (<see cref="ImageChannels"/>: 3 for RGB, the default, or 1 for gray).</summary>
    internal override IEstimator<ITransformer>? ImageInput(MLContext mlContext, DataViewSchema.Column features)
    {
        if (features.Type is not Microsoft.ML.Transforms.Image.ImageDataViewType) return null;
        if (ImageHeight is null || ImageWidth is null)
            throw new ArgumentException(
                $"Feature column '{features.Name}' holds images (MLImage), which may differ in size: set options ImageHeight and ImageWidth, " +
                "the size the trainer scales them to (for training and prediction alike).");
        if (ImageChannels is not (null or 1 or 3))
            throw new ArgumentException($"Option ImageChannels is {ImageChannels}; images of feature column '{features.Name}' give 3 channels (RGB) or 1 (gray).");
        return Scoring.ImageInput.Steps(mlContext, features.Name, ImageChannels ?? 3, ImageHeight.Value, ImageWidth.Value);
    }

    /// <summary>The CNN for the images of <paramref name="features"/>: their shape from the column's dimensions (channels, height,
    /// width), or from <see cref="ImageChannels"/>, <see cref="ImageHeight"/> and <see cref="ImageWidth"/>.</summary>
    internal override NetworkArchitecture CreateArchitecture(DataViewSchema.Column features)
    {
        var (channels, height, width) = ImageShape(features);
        return new CnnArchitecture(channels, height, width, BlockChannels, ConvolutionsPerBlock, KernelSize, Pooling, Residual, GlobalAveragePooling,
            HeadLayers, Activation);
    }

    private (int Channels, int Height, int Width) ImageShape(DataViewSchema.Column features)
    {
        var dims = (features.Type as VectorDataViewType)?.Dimensions ?? [];
        if (dims.Length == 3 && dims.All(d => d > 0))
        {
            if (dims[0] > 4 && dims[2] <= 4)
                throw new ArgumentException(
                    $"Feature column '{features.Name}' has dimensions {dims[0]}x{dims[1]}x{dims[2]}, which look like interleaved pixels (height, width, " +
                    "channels); the CNN reads planar pixels (channels, height, width): extract them with ExtractPixels(interleavePixelColors: false), the default.");
            // The column gives the shape; options that are set must agree with it.
            if ((ImageChannels ?? dims[0]) != dims[0] || (ImageHeight ?? dims[1]) != dims[1] || (ImageWidth ?? dims[2]) != dims[2])
                throw new ArgumentException(
                    $"Feature column '{features.Name}' holds images of {dims[0]}x{dims[1]}x{dims[2]} (channels x height x width), but options ImageChannels, " +
                    $"ImageHeight and ImageWidth say {ImageChannels?.ToString() ?? "-"}x{ImageHeight?.ToString() ?? "-"}x{ImageWidth?.ToString() ?? "-"}.");
            return (dims[0], dims[1], dims[2]);
        }
        if (ImageChannels is not null || ImageHeight is not null || ImageWidth is not null)
        {
            if (ImageChannels is null || ImageHeight is null || ImageWidth is null)
                throw new ArgumentException(
                    $"Feature column '{features.Name}' does not give the image shape, so options ImageChannels, ImageHeight and ImageWidth go together: set all three.");
            return (ImageChannels.Value, ImageHeight.Value, ImageWidth.Value);
        }
        throw new ArgumentException(
            $"Feature column '{features.Name}' is {features.Type}, which does not give the image shape: use ExtractPixels (its column has dimensions " +
            "channels x height x width), or set options ImageChannels, ImageHeight and ImageWidth.");
    }
}
