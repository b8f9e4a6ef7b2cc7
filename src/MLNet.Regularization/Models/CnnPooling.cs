namespace MLNet.Regularization;

/// <summary>The pooling at the end of each convolution block of a <see cref="CnnArchitecture"/>.</summary>
public enum CnnPooling
{
    /// <summary>2x2 max pooling with stride 2: halves the height and width.</summary>
    Max,
    /// <summary>2x2 average pooling with stride 2: halves the height and width.</summary>
    Average,
    /// <summary>No pooling: the blocks keep the size.</summary>
    None,
}
