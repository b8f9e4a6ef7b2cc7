using Microsoft.Data.Sqlite;
using MLNet.Regularization.Tuning.Storage;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>The <see cref="TrialStoreScenarios"/> on one SQLite file, each worker with a <see cref="SqliteTrialStore"/> (a
/// connection) of its own; and what is particular to SQLite files.</summary>
public sealed class SqliteTrialStoreTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"trials-{Guid.NewGuid():N}.db");
    private readonly TrialStoreScenarios _scenarios;

    public SqliteTrialStoreTests() => _scenarios = new TrialStoreScenarios(() => SqliteTrialStore.Open($"Data Source={_path}"));

    [Fact]
    public void Create_or_open_returns_the_first_search_with_its_definition_and_data() => _scenarios.CreateOrOpenReturnsTheFirstSearchWithItsDefinitionAndData();

    [Fact]
    public void Trials_are_numbered_from_zero_and_the_budget_stops_them() => _scenarios.TrialsAreNumberedFromZeroAndTheBudgetStopsThem();

    [Fact]
    public void Racing_workers_start_exactly_the_budget_with_unique_numbers() => _scenarios.RacingWorkersStartExactlyTheBudgetWithUniqueNumbers();

    [Fact]
    public void A_waiting_trial_is_taken_before_a_new_one_is_proposed() => _scenarios.AWaitingTrialIsTakenBeforeANewOneIsProposed();

    [Fact]
    public void Epoch_values_parameters_and_values_round_trip_bit_exactly() => _scenarios.EpochValuesParametersAndValuesRoundTripBitExactly();

    [Fact]
    public void Finish_on_a_trial_no_longer_running_returns_false_and_changes_nothing() => _scenarios.FinishOnATrialNoLongerRunningReturnsFalseAndChangesNothing();

    [Fact]
    public void A_trial_without_heartbeats_is_failed_and_requeued_once_with_its_parameters() => _scenarios.ATrialWithoutHeartbeatsIsFailedAndRequeuedOnceWithItsParameters();

    [Fact]
    public void Stores_opening_one_new_file_at_once_create_the_tables_once_in_wal_mode()
    {
        var stores = new SqliteTrialStore[6];
        TrialStoreScenarios.Together(Enumerable.Range(0, stores.Length).Select(i => (Action)(() => stores[i] = SqliteTrialStore.Open($"Data Source={_path}"))));
        try
        {
            var search = stores[0].CreateOrOpen("shared", "{}", []);
            Assert.All(stores, s => Assert.Equal(search, s.Find("shared")));
            Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM mlnet_tuning_schema_version"));
            Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
        }
        finally
        {
            foreach (var store in stores) store?.Dispose();
        }
    }

    [Fact]
    public void A_file_of_another_schema_version_is_refused_naming_both_versions()
    {
        _scenarios.Open().Dispose();
        Scalar("UPDATE mlnet_tuning_schema_version SET version = 99");

        var error = Assert.Throws<InvalidOperationException>(() => SqliteTrialStore.Open($"Data Source={_path}"));
        Assert.Contains(_path, error.Message);
        Assert.Contains("schema version 99, this version of MLNet.Regularization.Tuning reads version 1", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_naming_it()
    {
        File.WriteAllText(_path, "not a database, but long enough to have a header that SQLite reads and refuses outright.");

        var error = Assert.Throws<InvalidOperationException>(() => SqliteTrialStore.Open($"Data Source={_path}"));
        Assert.Contains($"SQLite file {_path}", error.Message);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    public void Dispose()
    {
        _scenarios.Dispose();
        foreach (string suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
