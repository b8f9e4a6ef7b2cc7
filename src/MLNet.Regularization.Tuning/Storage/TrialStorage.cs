using System.Data.Common;
using System.Text.RegularExpressions;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// Opens the trial store a storage string names: in memory, an SQLite file or a PostgreSQL database. docs/tuning-storage.md
/// lists the forms.
/// </summary>
internal static partial class TrialStorage
{
    private const string AcceptedForms =
        "Use nothing or \"memory\" (workers in this process), \"sqlite:<path>\", a path ending in .db, .sqlite or .sqlite3, "
        + "an SQLite connection string \"Data Source=<path>\", a PostgreSQL URI \"postgresql://user:password@host:5432/database\" "
        + "(or postgres://...), or an Npgsql connection string \"Host=...;Database=...;Username=...;Password=...\".";

    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3"];

    /// <summary>
    /// Opens the store <paramref name="storage"/> names, connecting at once and creating its tables (or checking their
    /// version), so that a store that cannot be used fails here, before any trial:
    /// <list type="bullet">
    /// <item>null, "" or "memory": a new <see cref="MemoryTrialStore"/>;</item>
    /// <item>"sqlite:&lt;path&gt;", "Data Source=&lt;path&gt;;..." or a path ending in .db, .sqlite or .sqlite3: a
    /// <see cref="SqliteTrialStore"/> on that file, created when absent (its folder must exist);</item>
    /// <item>"postgresql://user:password@host:port/database?..." (or "postgres://"), or an Npgsql connection string with
    /// "Host=": a <see cref="PostgresTrialStore"/>.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">The string is none of these forms; the message names it (without a password) and
    /// lists the forms.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of the SQLite file does not exist.</exception>
    /// <exception cref="InvalidOperationException">The store cannot be opened (unreachable server, wrong password, not a
    /// database file), with the store and the cause in the message and the cause as the inner exception; or it holds tables
    /// of another schema version.</exception>
    public static ITrialStore Open(string? storage)
    {
        string text = storage?.Trim() ?? "";
        if (IsMemory(text)) return new MemoryTrialStore();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) return OpenSqliteFile(text["sqlite:".Length..], storage!);
        if (PostgresUri.IsUri(text)) return PostgresTrialStore.Open(PostgresUri.ToConnectionString(text));
        if (text.Contains('=', StringComparison.Ordinal) && Keywords(text) is { } keywords)
        {
            if (keywords.Contains("host") || keywords.Contains("server")) return PostgresTrialStore.Open(text);
            if (keywords.Contains("data source") || keywords.Contains("datasource") || keywords.Contains("filename")) return SqliteTrialStore.Open(text);
        }
        if (SqliteExtensions.Any(e => text.EndsWith(e, StringComparison.OrdinalIgnoreCase))) return OpenSqliteFile(text, storage!);
        throw new ArgumentException($"The storage '{Redact(text)}' is not a form the tuner knows. {AcceptedForms}", nameof(storage));
    }

    /// <summary>Whether <paramref name="storage"/> names the in-memory store, which only workers in this process share.</summary>
    public static bool IsMemory(string? storage) => string.IsNullOrWhiteSpace(storage) || storage.Trim().Equals("memory", StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="text"/> with the password of a URI or connection string replaced by ***.</summary>
    public static string Redact(string text) =>
        PasswordKeyword().Replace(UriPassword().Replace(text, "$1***@"), "$1***");

    private static SqliteTrialStore OpenSqliteFile(string path, string storage)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"The storage '{storage}' names no SQLite file: expected sqlite:<path>, e.g. sqlite:search.db.", nameof(storage));
        return SqliteTrialStore.Open(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path }.ToString());
    }

    /// <summary>The lower-case keywords of a connection string, or null when <paramref name="text"/> is not one.</summary>
    private static HashSet<string>? Keywords(string text)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = text };
            return builder.Keys.Cast<string>().Select(k => k.ToLowerInvariant()).ToHashSet();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"(://[^:/@]*:)[^@/]*@")]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKeyword();
}
