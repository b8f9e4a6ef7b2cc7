using System.Data;
using Npgsql;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// A trial store in a PostgreSQL database, shared by workers on several machines. Connections come from an
/// <see cref="NpgsqlDataSource"/> (a pool, safe from several threads). An atomic section is a transaction that first takes
/// the advisory lock <c>pg_advisory_xact_lock(1296848981, key)</c> (1296848981 is "MLTU"; the key is the search's id, or
/// 0 to create the tables or a search), which the server releases when the transaction ends, also when its client
/// vanishes. Times come from the server's clock (<c>clock_timestamp()</c>).
/// </summary>
internal sealed class PostgresTrialStore : SqlTrialStore
{
    /// <summary>The first key of the advisory locks of trial stores: the bytes of "MLTU".</summary>
    private const int LockNamespace = 0x4D4C5455;

    /// <summary>The connect timeout of the first connection, when the connection string sets none shorter, so that a
    /// wrong host fails quickly.</summary>
    private const int FirstConnectSeconds = 10;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresTrialStore(NpgsqlDataSource dataSource, string description)
    {
        _dataSource = dataSource;
        Description = description;
    }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <inheritdoc/>
    protected override string Now => "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS bigint)";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> CreateTables => TrialSchema.Postgres;

    /// <inheritdoc/>
    protected override string VersionTableExists =>
        $"SELECT CASE WHEN to_regclass('{TrialSchema.VersionTable}') IS NULL THEN 0 ELSE 1 END";

    /// <summary>What a store on <paramref name="builder"/>'s database is called in messages; never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL database {builder.Database ?? "(default)"} on {builder.Host}:{builder.Port} as user {builder.Username ?? "(default)"}";

    /// <summary>
    /// Connects to the database of the Npgsql connection string <paramref name="connectionString"/>
    /// (<c>Host=...;Database=...;Username=...</c>) and creates or checks its tables.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database cannot be reached (the message names it and the cause, the
    /// inner exception is Npgsql's), or holds tables of another schema version.</exception>
    public static PostgresTrialStore Open(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"The PostgreSQL connection string '{TrialStorage.Redact(connectionString)}' is not valid: {e.Message}", nameof(connectionString), e);
        }
        string description = Describe(builder);
        var first = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            Timeout = builder.Timeout is > 0 and < FirstConnectSeconds ? builder.Timeout : FirstConnectSeconds,
            Pooling = false,
        };
        try
        {
            using (var firstSource = NpgsqlDataSource.Create(first))
                new PostgresTrialStore(firstSource, description).CreateOrCheckTables();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"Cannot open the trial store {description}: {TrialStoreRules.Cause(e)}", e);
        }
        return new PostgresTrialStore(NpgsqlDataSource.Create(builder), description);
    }

    /// <inheritdoc/>
    protected override T Read<T>(Func<SqlSession, T> work) => InTransaction(IsolationLevel.RepeatableRead, null, work);

    /// <inheritdoc/>
    protected override T Write<T>(Func<SqlSession, T> work) => InTransaction(IsolationLevel.ReadCommitted, null, work);

    /// <summary>A read-committed transaction that takes the advisory lock first, so that each statement after it sees what
    /// the previous holder wrote.</summary>
    protected override T Exclusive<T>(long key, Func<SqlSession, T> work) => InTransaction(IsolationLevel.ReadCommitted, key, work);

    /// <summary>Closes the pooled connections.</summary>
    public override void Dispose() => _dataSource.Dispose();

    private T InTransaction<T>(IsolationLevel isolation, long? lockKey, Func<SqlSession, T> work)
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction(isolation);
        var session = new SqlSession(connection, transaction);
        if (lockKey is long key)
            session.Execute("SELECT pg_advisory_xact_lock(@namespace, @key)", ("@namespace", LockNamespace), ("@key", unchecked((int)key)));
        var result = work(session);
        transaction.Commit();
        return result;
    }
}
