using Npgsql;

namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>An empty database of its own on the test server, for a test that needs one; dropped on Dispose.</summary>
internal sealed class ScratchPostgresDatabase : IDisposable
{
    private readonly string _name = "mlnet_tuning_test_" + Guid.NewGuid().ToString("N");

    public ScratchPostgresDatabase()
    {
        Admin($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = _name }.ConnectionString;
    }

    /// <summary>The connection string of the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs <paramref name="sql"/> on the new database.</summary>
    public void Execute(string sql)
    {
        using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false });
        using var command = dataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }

    public void Dispose() => Admin($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private static void Admin(string sql)
    {
        using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Pooling = false });
        using var command = dataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }
}
