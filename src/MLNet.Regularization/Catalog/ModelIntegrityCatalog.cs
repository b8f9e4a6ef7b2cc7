using Microsoft.ML;
using MLNet.Regularization.Scoring;

namespace MLNet.Regularization;

/// <summary>
/// <c>mlContext.Model.VerifyIntegrity(...)</c>: checks that a saved ML.NET model file is undamaged before
/// <c>mlContext.Model.Load</c> reads it. ML.NET's loader, and .NET's zip reader under it, do not check the CRC-32 of
/// the entries they read, so a flipped bit in a saved model can load without an error and score other values.
/// </summary>
public static class ModelIntegrityCatalog
{
    /// <summary>
    /// Checks a saved ML.NET model file (a zip archive written by <c>mlContext.Model.Save</c>): its zip structure (every
    /// local header agrees with the central directory, no bytes outside the entries), every entry's recorded size and
    /// CRC-32 against its content (an entry whose recorded size is beyond what its compressed size can inflate to is
    /// refused without being inflated), and every network of this pack in it: its SHA-256 digest over the graph, weights
    /// and metadata, and that it reads as a network (see <see cref="TrainedNetwork.Load(Stream)"/>). Networks of format
    /// version 1, which predates the digest, are checked through their entry's CRC-32 only. Returns when all checks pass.
    /// </summary>
    /// <param name="catalog">The model operations catalog, <c>mlContext.Model</c>.</param>
    /// <param name="filePath">The model file.</param>
    /// <exception cref="InvalidDataException">The file is damaged or is not an ML.NET model file; the message names the
    /// damaged entry or structure.</exception>
    /// <exception cref="NotSupportedException">A network in the file, its digest verified, is of a newer format version than
    /// this version of the pack reads.</exception>
    public static void VerifyIntegrity(this ModelOperationsCatalog catalog, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var file = File.OpenRead(filePath);
        ModelFileIntegrity.Verify(ModelBytes.ReadAll(file, $"Model file '{filePath}'"), $"Model file '{filePath}'");
    }

    /// <summary>Checks a saved ML.NET model read from a stream (from its current position to its end): see
    /// <see cref="VerifyIntegrity(ModelOperationsCatalog, string)"/>.</summary>
    /// <param name="catalog">The model operations catalog, <c>mlContext.Model</c>.</param>
    /// <param name="stream">The model; read to its end and not closed.</param>
    /// <exception cref="InvalidDataException">The model is damaged or is not an ML.NET model file; the message names the
    /// damaged entry or structure.</exception>
    /// <exception cref="NotSupportedException">A network in the model, its digest verified, is of a newer format version than
    /// this version of the pack reads.</exception>
    public static void VerifyIntegrity(this ModelOperationsCatalog catalog, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        ModelFileIntegrity.Verify(ModelBytes.ReadAll(stream, "The model stream"), "The model stream");
    }
}
