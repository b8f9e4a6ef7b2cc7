using MLNet.Regularization.Tuning.Storage;
using Npgsql;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>The <see cref="TrialStoreScenarios"/> on the test server's database, each worker with a
/// <see cref="PostgresTrialStore"/> (a connection pool) of its own; and what is particular to PostgreSQL.</summary>
public sealed class PostgresTrialStoreTests : IDisposable
{
    private readonly TrialStoreScenarios _scenarios = new(() => PostgresTrialStore.Open(PostgresServer.ConnectionString));

    [PostgresFact]
    public void Create_or_open_returns_the_first_search_with_its_definition_and_data() => _scenarios.CreateOrOpenReturnsTheFirstSearchWithItsDefinitionAndData();

    [PostgresFact]
    public void Trials_are_numbered_from_zero_and_the_budget_stops_them() => _scenarios.TrialsAreNumberedFromZeroAndTheBudgetStopsThem();

    [PostgresFact]
    public void Racing_workers_start_exactly_the_budget_with_unique_numbers() => _scenarios.RacingWorkersStartExactlyTheBudgetWithUniqueNumbers();

    [PostgresFact]
    public void A_waiting_trial_is_taken_before_a_new_one_is_proposed() => _scenarios.AWaitingTrialIsTakenBeforeANewOneIsProposed();

    [PostgresFact]
    public void Epoch_values_parameters_and_values_round_trip_bit_exactly() => _scenarios.EpochValuesParametersAndValuesRoundTripBitExactly();

    [PostgresFact]
    public void Finish_on_a_trial_no_longer_running_returns_false_and_changes_nothing() => _scenarios.FinishOnATrialNoLongerRunningReturnsFalseAndChangesNothing();

    [PostgresFact]
    public void A_trial_without_heartbeats_is_failed_and_requeued_once_with_its_parameters() => _scenarios.ATrialWithoutHeartbeatsIsFailedAndRequeuedOnceWithItsParameters();

    [PostgresFact]
    public void Stores_opening_one_empty_database_at_once_create_the_tables_once()
    {
        using var database = new ScratchPostgresDatabase();
        var stores = new PostgresTrialStore[6];
        try
        {
            TrialStoreScenarios.Together(Enumerable.Range(0, stores.Length).Select(i => (Action)(() => stores[i] = PostgresTrialStore.Open(database.ConnectionString))));
            var search = stores[0].CreateOrOpen("shared", "{}", [7]);
            Assert.All(stores, s => Assert.Equal(search, s.Find("shared")));
            Assert.Equal([7], stores[^1].ReadData(search.Id));
            using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false });
            using var count = dataSource.CreateCommand("SELECT COUNT(*) FROM mlnet_tuning_schema_version");
            Assert.Equal(1L, count.ExecuteScalar());
        }
        finally
        {
            foreach (var store in stores) store?.Dispose();
        }
    }

    [PostgresFact]
    public void A_database_of_another_schema_version_is_refused_naming_both_versions()
    {
        using var database = new ScratchPostgresDatabase();
        PostgresTrialStore.Open(database.ConnectionString).Dispose();
        database.Execute("UPDATE mlnet_tuning_schema_version SET version = 99");

        var error = Assert.Throws<InvalidOperationException>(() => PostgresTrialStore.Open(database.ConnectionString));
        Assert.Contains("PostgreSQL database mlnet_tuning_test_", error.Message);
        Assert.Contains("schema version 99, this version of MLNet.Regularization.Tuning reads version 1", error.Message);
    }

    public void Dispose() => _scenarios.Dispose();
}
