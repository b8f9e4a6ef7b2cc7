using Npgsql;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// Turns a PostgreSQL URI, <c>postgresql://user:password@host:port/database?sslmode=require</c> (libpq's form, also with
/// <c>postgres://</c>), into an Npgsql connection string. The user and password may be percent-encoded; the query takes
/// libpq's names (<c>sslmode</c>, <c>connect_timeout</c>, <c>application_name</c>, <c>target_session_attrs</c>) or Npgsql's
/// keywords (<c>Pooling=false</c>).
/// </summary>
internal static class PostgresUri
{
    private static readonly Dictionary<string, string> LibpqNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["host"] = "Host",
        ["port"] = "Port",
    };

    /// <summary>Whether <paramref name="storage"/> starts as a PostgreSQL URI.</summary>
    public static bool IsUri(string storage) =>
        storage.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || storage.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string of <paramref name="uri"/>; throws an <see cref="ArgumentException"/> naming the
    /// URI (without its password) and the part that is wrong.</summary>
    public static string ToConnectionString(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.HostNameType == UriHostNameType.Unknown)
            throw new ArgumentException($"The PostgreSQL URI '{TrialStorage.Redact(uri)}' is not valid: expected postgresql://user:password@host:port/database.", nameof(uri));
        var builder = new NpgsqlConnectionStringBuilder { Host = parsed.Host.Trim('[', ']') };
        if (!parsed.IsDefaultPort && parsed.Port > 0) builder.Port = parsed.Port;
        if (parsed.UserInfo.Length > 0)
        {
            string[] user = parsed.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        }
        string database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;

        foreach (string pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            string name = Uri.UnescapeDataString(parts[0]);
            string value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
            string keyword = LibpqNames.GetValueOrDefault(name) ?? name;
            if (keyword == "SSL Mode") value = value.Replace("-", "", StringComparison.Ordinal);
            try
            {
                builder[keyword] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"The PostgreSQL URI '{TrialStorage.Redact(uri)}' has the parameter {name}={value}, which Npgsql does not take: {e.Message}", nameof(uri), e);
            }
        }
        return builder.ConnectionString;
    }
}
