namespace MLNet.Regularization.ImageAugmentation;

/// <summary>The AutoAugment policies learned on three datasets (torchvision 0.14's <c>AutoAugmentPolicy</c>).</summary>
public enum AutoAugmentPolicy
{
    /// <summary>The policy learned on ImageNet.</summary>
    ImageNet,

    /// <summary>The policy learned on CIFAR-10.</summary>
    Cifar10,

    /// <summary>The policy learned on SVHN.</summary>
    Svhn,
}
