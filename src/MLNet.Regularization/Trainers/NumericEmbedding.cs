namespace MLNet.Regularization;

/// <summary>How an MLP embeds its numeric features before the first dense layer (<see cref="RegularizedMlpOptions.NumericEmbedding"/>).</summary>
public enum NumericEmbedding
{
    /// <summary>The scaled features go to the first dense layer as they are.</summary>
    None,

    /// <summary>
    /// Periodic embeddings: the PLR embeddings of Gorishniy et al. 2022 ("On embeddings for numerical features in tabular deep
    /// learning"), with the learned phases and the pass-through of the value itself that RealMLP adds (Holzmüller et al. 2024,
    /// pytabkit's "PBLD" embedding, here with PLR's ReLU): each numeric column <c>x</c> (after the scaling) becomes
    /// <c>[x, ReLU(W cos(2π f x + b) + c)]</c>, with its own <see cref="RegularizedMlpOptions.NumericEmbeddingFrequencies"/>
    /// learned frequencies <c>f</c> and phases <c>b</c> and a learned dense layer <c>W</c>, <c>c</c> to
    /// <see cref="RegularizedMlpOptions.NumericEmbeddingSize"/> - 1 values. It lets the network fit functions that change quickly
    /// with one feature, which a plain MLP learns only slowly. Columns with at most two distinct values in the training rows
    /// (binary and one-hot columns) pass through unembedded.
    /// </summary>
    Periodic,
}
