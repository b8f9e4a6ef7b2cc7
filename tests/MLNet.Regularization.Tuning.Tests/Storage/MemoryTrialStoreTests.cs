using MLNet.Regularization.Tuning.Storage;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>The <see cref="TrialStoreScenarios"/> on one <see cref="MemoryTrialStore"/> shared by every worker.</summary>
public sealed class MemoryTrialStoreTests : IDisposable
{
    private readonly MemoryTrialStore _store = new();
    private readonly TrialStoreScenarios _scenarios;

    public MemoryTrialStoreTests() => _scenarios = new TrialStoreScenarios(() => _store);

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

    public void Dispose() => _scenarios.Dispose();
}
