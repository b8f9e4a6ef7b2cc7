using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>A policy's augmentation space for the last image size it was asked for (the translations depend on the size);
/// safe for parallel cursors: the size and its space are swapped as one object.</summary>
internal sealed class SpaceCache(Func<int, int, PolicyOperationSpace[]> build)
{
    private Entry? _last;

    public PolicyOperationSpace[] For(ImageShape shape)
    {
        var last = _last;
        if (last is not null && last.Height == shape.Height && last.Width == shape.Width) return last.Space;
        last = new Entry(shape.Height, shape.Width, build(shape.Height, shape.Width));
        _last = last;
        return last.Space;
    }

    private sealed record Entry(int Height, int Width, PolicyOperationSpace[] Space);
}
