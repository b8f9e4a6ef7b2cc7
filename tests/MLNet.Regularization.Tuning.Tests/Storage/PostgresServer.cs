namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in MLNET_TUNING_POSTGRES (tests/postgres/start.sh starts a
/// throw-away server and prints it). Without it the PostgreSQL tests are skipped, unless MLNET_TUNING_REQUIRE_POSTGRES is
/// "1" (as on CI): then they fail.
/// </summary>
internal static class PostgresServer
{
    /// <summary>Why a PostgreSQL test cannot run.</summary>
    public const string Missing =
        "PostgreSQL is not available: set MLNET_TUNING_POSTGRES to a connection string (tests/postgres/start.sh starts a throw-away server)";

    /// <summary>The connection string of the server, or null when none is set.</summary>
    public static string? Variable => Environment.GetEnvironmentVariable("MLNET_TUNING_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>Whether the PostgreSQL tests must run (fail rather than skip without a server).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("MLNET_TUNING_REQUIRE_POSTGRES") == "1";

    /// <summary>The connection string of the server; throws (failing the test) when none is set.</summary>
    public static string ConnectionString => Variable ?? throw new InvalidOperationException(Missing);
}
