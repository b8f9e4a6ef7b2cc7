using Microsoft.Data.Sqlite;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// A trial store in one SQLite file, shared by the worker processes of one machine (SQLite's locks need a local file
/// system, not a network share). The file is in WAL journal mode, so that readers do not wait for the writer; every
/// write runs in a <c>BEGIN IMMEDIATE</c> transaction, which takes the file's write lock at once, and a connection that
/// finds the lock taken waits for it up to the busy timeout (30 s unless the connection string sets
/// <c>Default Timeout</c>). Times come from SQLite's clock, which is the machine's.
/// </summary>
/// <remarks>
/// A store holds one connection, used by one thread at a time (a lock); workers in other threads or processes open
/// stores of their own on the same file.
/// </remarks>
internal sealed class SqliteTrialStore : SqlTrialStore
{
    private readonly object _gate = new();
    private readonly SqliteConnection _connection;

    private SqliteTrialStore(SqliteConnection connection, string description)
    {
        _connection = connection;
        Description = description;
    }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <inheritdoc/>
    protected override string Now => "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> CreateTables => TrialSchema.Sqlite;

    /// <inheritdoc/>
    protected override string VersionTableExists =>
        $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{TrialSchema.VersionTable}'";

    /// <summary>
    /// Opens (creating it when absent) the SQLite database that <paramref name="connectionString"/> names
    /// (<c>Data Source=/data/search.db</c>), in WAL mode, and creates or checks its tables.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The file's folder does not exist.</exception>
    /// <exception cref="InvalidOperationException">The file cannot be opened (its message names the file and the cause), or
    /// holds tables of another schema version.</exception>
    public static SqliteTrialStore Open(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"The SQLite connection string '{TrialStorage.Redact(connectionString)}' is not valid: {e.Message}", nameof(connectionString), e);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new ArgumentException($"The SQLite connection string '{connectionString}' names no file: expected Data Source=<path>.", nameof(connectionString));
        bool inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:";
        string description = inMemory ? $"SQLite in-memory database {builder.DataSource}" : $"SQLite file {Path.GetFullPath(builder.DataSource)}";
        if (!inMemory)
        {
            string path = Path.GetFullPath(builder.DataSource);
            string? folder = Path.GetDirectoryName(path);
            if (folder is not null && !Directory.Exists(folder))
                throw new DirectoryNotFoundException($"Cannot open the trial store {description}: its folder {folder} does not exist. Create the folder first.");
            builder.DataSource = path;
        }
        // A pooled connection would keep the file open after Dispose.
        builder.Pooling = false;

        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA busy_timeout = {checked(builder.DefaultTimeout * 1000)}; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;";
                pragma.ExecuteNonQuery();
            }
            var store = new SqliteTrialStore(connection, description);
            store.CreateOrCheckTables();
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidOperationException($"Cannot open the trial store {description}: {TrialStoreRules.Cause(e)}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    protected override T Read<T>(Func<SqlSession, T> work) => InTransaction(deferred: true, work);

    /// <inheritdoc/>
    protected override T Write<T>(Func<SqlSession, T> work) => InTransaction(deferred: false, work);

    /// <summary>Every write transaction of SQLite holds the file's write lock, so the key does not matter.</summary>
    protected override T Exclusive<T>(long key, Func<SqlSession, T> work) => InTransaction(deferred: false, work);

    /// <summary>Closes the connection (and the file).</summary>
    public override void Dispose()
    {
        lock (_gate) _connection.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> in a <c>BEGIN</c> (deferred) or <c>BEGIN IMMEDIATE</c> transaction.</summary>
    private T InTransaction<T>(bool deferred, Func<SqlSession, T> work)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred);
            var result = work(new SqlSession(_connection, transaction));
            transaction.Commit();
            return result;
        }
    }
}
