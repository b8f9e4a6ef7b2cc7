namespace MLNet.Regularization.Scoring;

/// <summary>
/// Checks a whole ML.NET model file: the zip structure (see <see cref="ZipHeaders"/>), every entry's size and CRC-32, and
/// every network of this pack in it (its digest, and that it reads as a network).
/// </summary>
internal static class ModelFileIntegrity
{
    public static void Verify(byte[] bytes, string source)
    {
        if (!ModelZip.IsZip(bytes))
            throw new InvalidDataException($"{source} is not an ML.NET model file (a zip archive): it does not start with 'PK'.");
        ZipHeaders.Check(bytes, source);
        var (archive, entries) = ModelZip.Open(bytes);
        using (archive)
        {
            if (entries.Count == 0) throw new InvalidDataException($"{source} is a zip archive without entries, not an ML.NET model file.");
            foreach (var entry in entries)
            {
                if (entry.Name != ModelZip.OnnxEntryName)
                {
                    ModelZip.Check(entry);
                    continue;
                }
                // An ONNX model of another producer is left to ML.NET; one of this pack must verify and read.
                TrainedNetworkReader.TryFromEntry(entry, out _);
            }
        }
    }
}
