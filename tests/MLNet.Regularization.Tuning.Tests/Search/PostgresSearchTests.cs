using MLNet.Regularization.Tuning.Tests.Storage;

namespace MLNet.Regularization.Tuning.Tests.Search;

/// <summary>Searches kept in a PostgreSQL database, with worker processes as on several machines.</summary>
public sealed class PostgresSearchTests
{
    [PostgresFact]
    public void Agrees_with_memory() => SearchStoreScenarios.Agrees_with_memory(PostgresServer.ConnectionString);

    [PostgresFact]
    public void Resumes_and_refuses_another_space() => SearchStoreScenarios.Resumes_and_refuses_another_space(PostgresServer.ConnectionString);

    [PostgresFact]
    public void Worker_processes_share_the_trials() => SearchStoreScenarios.Worker_processes_share_the_trials(PostgresServer.ConnectionString);

    [PostgresFact]
    public void A_killed_worker_loses_nothing() => SearchStoreScenarios.A_killed_worker_loses_nothing(PostgresServer.ConnectionString);
}
