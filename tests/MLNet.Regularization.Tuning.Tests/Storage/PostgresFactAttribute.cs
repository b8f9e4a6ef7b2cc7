using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>A test that needs the PostgreSQL server of <see cref="PostgresServer"/>: skipped without one, unless required.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Skips the test when no server is set and none is required.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresServer.Variable is null && !PostgresServer.Required) Skip = PostgresServer.Missing;
    }
}
