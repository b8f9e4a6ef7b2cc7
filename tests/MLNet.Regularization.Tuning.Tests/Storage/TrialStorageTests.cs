using System.Diagnostics;
using MLNet.Regularization.Tuning.Storage;
using Npgsql;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>The storage strings of <see cref="TrialStorage.Open"/>.</summary>
public sealed class TrialStorageTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("memory")]
    [InlineData(" Memory ")]
    public void Nothing_or_memory_opens_a_new_memory_store(string? storage)
    {
        using var store = TrialStorage.Open(storage);
        Assert.IsType<MemoryTrialStore>(store);
    }

    [Theory]
    [InlineData("sqlite:{0}/trials")]
    [InlineData("Data Source={0}/trials.db;")]
    [InlineData("{0}/trials.db")]
    [InlineData("{0}/trials.sqlite")]
    [InlineData("{0}/trials.SQLITE3")]
    public void Sqlite_forms_open_an_sqlite_store_creating_the_file(string form)
    {
        string folder = Directory.CreateTempSubdirectory("storage-").FullName;
        try
        {
            string storage = string.Format(form, folder);
            string file = storage.StartsWith("Data Source=") ? storage["Data Source=".Length..].TrimEnd(';') : storage.Replace("sqlite:", "");
            using (var store = TrialStorage.Open(storage))
            {
                Assert.IsType<SqliteTrialStore>(store);
                Assert.Equal($"SQLite file {file}", store.Description);
                store.CreateOrOpen("kept", "{}", []);
            }
            Assert.True(File.Exists(file));
            using var reopened = TrialStorage.Open(storage);
            Assert.NotNull(reopened.Find("kept"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_sqlite_file_in_a_missing_folder_is_refused_naming_the_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => TrialStorage.Open($"sqlite:{folder}/trials.db"));
        Assert.Contains($"its folder {folder} does not exist", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("mysql://u@host/db")]
    [InlineData("trials.txt")]
    [InlineData("sqlite")]
    [InlineData("Server2=x;Foo=bar")]
    public void Other_strings_are_refused_naming_them_and_the_accepted_forms(string storage)
    {
        var error = Assert.Throws<ArgumentException>(() => TrialStorage.Open(storage));
        Assert.Contains($"'{storage}'", error.Message);
        Assert.Contains("\"sqlite:<path>\"", error.Message);
        Assert.Contains("postgresql://", error.Message);
        Assert.Contains("Host=", error.Message);
    }

    [Fact]
    public void A_refused_string_does_not_show_its_password()
    {
        var error = Assert.Throws<ArgumentException>(() => TrialStorage.Open("User=u;Password=secret;Port=5"));
        Assert.DoesNotContain("secret", error.Message);
        Assert.Contains("Password=***", error.Message);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password=secret;Colour=blue", "PostgreSQL")]
    [InlineData("Data Source=trials.db;Password=secret;Colour=blue", "SQLite")]
    public void A_connection_string_with_an_unknown_keyword_is_refused_naming_it_but_not_the_password(string storage, string database)
    {
        var error = Assert.Throws<ArgumentException>(() => TrialStorage.Open(storage));
        Assert.Contains($"The {database} connection string", error.Message);
        Assert.Contains("colour", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("postgresql://u:secret@127.0.0.1:1/db")]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Password=secret;Database=db")]
    public void An_unreachable_postgres_server_fails_quickly_at_open_naming_it_but_not_the_password(string storage)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<InvalidOperationException>(() => TrialStorage.Open(storage));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Contains("PostgreSQL database db on 127.0.0.1:1 as user u", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.IsType<NpgsqlException>(error.InnerException);
    }

    [Fact]
    public void A_postgres_uri_becomes_the_npgsql_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUri.ToConnectionString(
            "postgresql://al%40ice:p%3Ass@db.example.com:5433/tuning?sslmode=verify-full&application_name=tuner&Pooling=false"));
        Assert.Equal(("db.example.com", 5433, "al@ice", "p:ss", "tuning"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal((SslMode.VerifyFull, "tuner", false), (builder.SslMode, builder.ApplicationName, builder.Pooling));

        var plain = new NpgsqlConnectionStringBuilder(PostgresUri.ToConnectionString("postgres://tuner@[::1]/trials"));
        Assert.Equal(("::1", 5432, "tuner", (string?)null, "trials"), (plain.Host, plain.Port, plain.Username, plain.Password, plain.Database));
    }

    [Fact]
    public void A_postgres_uri_with_an_unknown_parameter_is_refused_naming_it_but_not_the_password()
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresUri.ToConnectionString("postgresql://u:secret@host/db?colour=blue"));
        Assert.Contains("colour=blue", error.Message);
        Assert.Contains("postgresql://u:***@host/db", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [PostgresFact]
    public void Postgres_uris_and_connection_strings_open_a_postgres_store()
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString);
        string password = server.Password is null ? "" : ":" + Uri.EscapeDataString(server.Password);
        foreach (string storage in new[]
        {
            PostgresServer.ConnectionString,
            $"postgresql://{Uri.EscapeDataString(server.Username!)}{password}@{server.Host}:{server.Port}/{server.Database}",
            $"postgres://{Uri.EscapeDataString(server.Username!)}{password}@{server.Host}:{server.Port}/{server.Database}?application_name=tuning-tests",
        })
        {
            using var store = TrialStorage.Open(storage);
            Assert.IsType<PostgresTrialStore>(store);
            Assert.Equal($"PostgreSQL database {server.Database} on {server.Host}:{server.Port} as user {server.Username}", store.Description);
        }
    }
}
