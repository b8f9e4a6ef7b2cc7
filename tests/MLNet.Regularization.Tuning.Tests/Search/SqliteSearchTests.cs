using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Search;

/// <summary>Searches kept in an SQLite file, with worker processes on this machine.</summary>
public sealed class SqliteSearchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sqlite-search-").FullName;

    private string Storage => "sqlite:" + Path.Combine(_folder, "search.db");

    [Fact]
    public void Agrees_with_memory() => SearchStoreScenarios.Agrees_with_memory(Storage);

    [Fact]
    public void Resumes_and_refuses_another_space() => SearchStoreScenarios.Resumes_and_refuses_another_space(Storage);

    [Fact]
    public void Worker_processes_share_the_trials() => SearchStoreScenarios.Worker_processes_share_the_trials(Storage);

    [Fact]
    public void A_killed_worker_loses_nothing() => SearchStoreScenarios.A_killed_worker_loses_nothing(Storage);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
