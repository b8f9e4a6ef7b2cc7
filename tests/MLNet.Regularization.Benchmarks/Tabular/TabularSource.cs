using System.IO.Compression;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>The file or files a data set's rows come from, and how they become one text file that ML.NET's <c>TextLoader</c>
/// reads: a plain file is read where it is; a gzip file is decompressed, and a pair of gzip files (features, target) is joined
/// row by row, into a scratch folder.</summary>
internal abstract record TabularSource
{
    private TabularSource() { }

    /// <summary>The files in the data folder this source reads.</summary>
    public abstract IReadOnlyList<string> Files { get; }

    /// <summary>Returns the path of the text file to load, writing it into <paramref name="scratchFolder"/> when it must be made.</summary>
    public abstract string Prepare(string dataFolder, string scratchFolder);

    /// <summary>A text file read where it is.</summary>
    public static TabularSource Plain(string file) => new PlainFile(file);

    /// <summary>A gzip-compressed text file, decompressed into the scratch folder.</summary>
    public static TabularSource Gzip(string file) => new GzipFile(file);

    /// <summary>Two gzip-compressed text files with the same number of rows, the features and the target, joined line by line
    /// with <paramref name="separator"/> into the scratch folder: the target becomes the last column.</summary>
    public static TabularSource JoinedGzip(string features, string target, char separator) => new JoinedGzipFiles(features, target, separator);

    /// <summary>A copy of the text file at <paramref name="path"/> with its rows in label order (a stable sort on the label's
    /// text, the first line kept first when it is not a row), in <paramref name="scratchFolder"/>: ML.NET's split keeps the
    /// file order, so every training set then comes in class runs, as a file sorted by class would.</summary>
    public static string SortedByLabel(TabularDataSet set, string path, string scratchFolder)
    {
        int label = set.Columns.TakeWhile(c => c.Kind != TabularColumnKind.Label).Sum(c => c.Count);
        var lines = System.IO.File.ReadAllLines(path);
        var header = set.SkipFirstLine ? lines.Take(1) : [];
        var rows = lines.Skip(set.SkipFirstLine ? 1 : 0).Where(l => l.Trim().Length > 0)
            .OrderBy(l => l.Split(set.Separator)[label].Trim(), StringComparer.Ordinal);
        string sorted = Path.Combine(scratchFolder, $"{set.Name}.sorted");
        System.IO.File.WriteAllLines(sorted, header.Concat(rows));
        return sorted;
    }

    private sealed record PlainFile(string File) : TabularSource
    {
        public override IReadOnlyList<string> Files => [File];

        public override string Prepare(string dataFolder, string scratchFolder) => Path.Combine(dataFolder, File);
    }

    private sealed record GzipFile(string File) : TabularSource
    {
        public override IReadOnlyList<string> Files => [File];

        public override string Prepare(string dataFolder, string scratchFolder)
        {
            string path = Path.Combine(scratchFolder, Path.GetFileNameWithoutExtension(File));
            using var input = new GZipStream(System.IO.File.OpenRead(Path.Combine(dataFolder, File)), CompressionMode.Decompress);
            using var output = System.IO.File.Create(path);
            input.CopyTo(output);
            return path;
        }
    }

    private sealed record JoinedGzipFiles(string Features, string Target, char Separator) : TabularSource
    {
        public override IReadOnlyList<string> Files => [Features, Target];

        public override string Prepare(string dataFolder, string scratchFolder)
        {
            var features = ReadLines(Path.Combine(dataFolder, Features));
            var target = ReadLines(Path.Combine(dataFolder, Target));
            if (features.Count != target.Count)
                throw new InvalidDataException($"{Features} has {features.Count} rows but {Target} has {target.Count}: they cannot be joined.");
            string path = Path.Combine(scratchFolder, Path.GetFileNameWithoutExtension(Features) + "+target");
            System.IO.File.WriteAllLines(path, features.Select((row, i) => row + Separator + target[i]));
            return path;
        }

        private static List<string> ReadLines(string gzipPath)
        {
            using var reader = new StreamReader(new GZipStream(System.IO.File.OpenRead(gzipPath), CompressionMode.Decompress));
            var lines = new List<string>();
            while (reader.ReadLine() is string line)
                if (line.Trim().Length > 0) lines.Add(line.Trim());
            return lines;
        }
    }
}
