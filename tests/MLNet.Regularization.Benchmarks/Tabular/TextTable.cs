using System.Text;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>Writes rows of cells as an aligned console table or as a Markdown table.</summary>
internal static class TextTable
{
    /// <summary>Columns padded to their widest cell; the first <paramref name="textColumns"/> left-aligned, the others right-aligned.</summary>
    public static string Console(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int textColumns)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i < textColumns ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        return text.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown table; the columns after the first <paramref name="textColumns"/> are right-aligned.</summary>
    public static string Markdown(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int textColumns)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Join("|", header.Select((_, i) => i < textColumns ? "---" : "---:")) + "|");
        foreach (var row in rows)
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }
}
