using System.Data.Common;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// What <see cref="SqliteTrialStore"/> and <see cref="PostgresTrialStore"/> share: the queries on the tables of
/// <see cref="TrialSchema"/>. A derived store says how a transaction runs (<see cref="Read"/>, <see cref="Write"/>,
/// <see cref="Exclusive"/>) and how the database tells the time (<see cref="Now"/>). The <see cref="TrialRecord.Seconds"/>
/// of a running trial is the time since it started, by the database's clock.
/// </summary>
internal abstract class SqlTrialStore : ITrialStore
{
    /// <summary>The key of <see cref="Exclusive"/> sections that create the tables or a search; a search's sections use its
    /// id (from 1).</summary>
    protected const long SearchesKey = 0;

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <summary>An SQL expression of the database's time: whole milliseconds since 1970-01-01 UTC.</summary>
    protected abstract string Now { get; }

    /// <summary>The statements that create the tables, the version table first.</summary>
    protected abstract IReadOnlyList<string> CreateTables { get; }

    /// <summary>A query returning 1 when the version table exists, else 0.</summary>
    protected abstract string VersionTableExists { get; }

    /// <summary>Runs <paramref name="work"/> in a transaction that reads one consistent state.</summary>
    protected abstract T Read<T>(Func<SqlSession, T> work);

    /// <summary>Runs <paramref name="work"/> in a transaction that writes.</summary>
    protected abstract T Write<T>(Func<SqlSession, T> work);

    /// <summary>Runs <paramref name="work"/> in a transaction that writes, one at a time among all the transactions of
    /// every process on this database that use the same <paramref name="key"/>, each seeing what the previous one wrote.</summary>
    protected abstract T Exclusive<T>(long key, Func<SqlSession, T> work);

    /// <summary>Creates the tables when the database has none, else checks that their version is <see cref="TrialSchema.Version"/>.</summary>
    protected void CreateOrCheckTables() => Exclusive(SearchesKey, session =>
    {
        if (session.Int64(VersionTableExists) == 1)
        {
            var versions = session.Query($"SELECT version FROM {TrialSchema.VersionTable}", r => SqlSession.ToInt64(r.GetValue(0)));
            if (versions is [TrialSchema.Version]) return 0;
            if (versions.Count > 0) throw TrialSchema.VersionMismatch(Description, versions);
        }
        foreach (var statement in CreateTables) session.Execute(statement);
        session.Execute($"INSERT INTO {TrialSchema.VersionTable} (version) VALUES (@version)", ("@version", TrialSchema.Version));
        return 0;
    });

    /// <inheritdoc/>
    public SearchRecord CreateOrOpen(string name, string definition, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(data);
        return Exclusive(SearchesKey, session =>
        {
            if (FindSearch(session, name) is { } existing) return existing;
            long id = session.Int64($"INSERT INTO mlnet_tuning_searches (name, definition, created) VALUES (@name, @definition, {Now}) RETURNING id",
                ("@name", name), ("@definition", definition));
            session.Execute("INSERT INTO mlnet_tuning_search_data (search_id, data) VALUES (@id, @data)", ("@id", id), ("@data", data));
            return new SearchRecord(id, name, definition);
        });
    }

    /// <inheritdoc/>
    public SearchRecord? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read(session => FindSearch(session, name));
    }

    /// <inheritdoc/>
    public byte[] ReadData(long searchId) => Read(session =>
    {
        var rows = session.Query("SELECT data FROM mlnet_tuning_search_data WHERE search_id = @id",
            r => r.IsDBNull(0) ? [] : (byte[])r.GetValue(0), ("@id", searchId));
        return rows.Count == 1 ? rows[0] : throw NoSearch(searchId);
    });

    /// <inheritdoc/>
    public TrialRecord? StartTrial(long searchId, string worker, int? maxTrials,
        Func<int, IReadOnlyList<TrialRecord>, IReadOnlyDictionary<string, double>> propose)
    {
        TrialStoreRules.CheckStart(worker, maxTrials, propose);
        return Exclusive(searchId, session =>
        {
            CheckSearch(session, searchId);
            var waiting = session.Query(
                "SELECT id, number, parameters, retry_of FROM mlnet_tuning_trials WHERE search_id = @search AND state = 'Waiting' ORDER BY number LIMIT 1",
                r => new TrialRecord(SqlSession.ToInt64(r.GetValue(0)), (int)SqlSession.ToInt64(r.GetValue(1)), TrialState.Running,
                    ParametersJson.Read(r.GetString(2)), null, [], 0, null, worker,
                    r.IsDBNull(3) ? null : (int)SqlSession.ToInt64(r.GetValue(3))),
                ("@search", searchId));
            if (waiting is [var taken])
            {
                session.Execute($"UPDATE mlnet_tuning_trials SET state = 'Running', worker = @worker, started = {Now}, heartbeat = {Now} WHERE id = @id",
                    ("@worker", worker), ("@id", taken.Id));
                return taken;
            }

            var (counted, highest) = session.Query(
                "SELECT COUNT(*) - COALESCE(SUM(CASE WHEN requeued THEN 1 ELSE 0 END), 0), COALESCE(MAX(number), -1) FROM mlnet_tuning_trials WHERE search_id = @search",
                r => (SqlSession.ToInt64(r.GetValue(0)), (int)SqlSession.ToInt64(r.GetValue(1))), ("@search", searchId))[0];
            if (maxTrials is int budget && counted >= budget) return null;

            int number = highest + 1;
            string parameters = ParametersJson.Write(propose(number, ReadTrials(session, searchId)));
            long id = session.Int64(
                $"""
                INSERT INTO mlnet_tuning_trials (search_id, number, state, parameters, seconds, worker, requeued, started, heartbeat)
                VALUES (@search, @number, 'Running', @parameters, 0, @worker, FALSE, {Now}, {Now}) RETURNING id
                """,
                ("@search", searchId), ("@number", number), ("@parameters", parameters), ("@worker", worker));
            return new TrialRecord(id, number, TrialState.Running, ParametersJson.Read(parameters), null, [], 0, null, worker, null);
        });
    }

    /// <inheritdoc/>
    public void ReportEpoch(long trialId, int epoch, double value)
    {
        TrialStoreRules.CheckEpoch(epoch);
        Write(session =>
        {
            RenewHeartbeat(session, trialId);
            // SQLite stores no NaN (it would turn it into NULL): both databases store NULL, read back as NaN.
            session.Execute(
                """
                INSERT INTO mlnet_tuning_trial_values (trial_id, epoch, value) VALUES (@trial, @epoch, @value)
                ON CONFLICT (trial_id, epoch) DO UPDATE SET value = excluded.value
                """,
                ("@trial", trialId), ("@epoch", epoch), ("@value", double.IsNaN(value) ? null : value));
            return 0;
        });
    }

    /// <inheritdoc/>
    public void Heartbeat(long trialId) => Write(session => RenewHeartbeat(session, trialId));

    /// <inheritdoc/>
    public bool Finish(long trialId, TrialState state, double? value, double seconds, string? error)
    {
        TrialStoreRules.CheckFinish(state, seconds);
        return Write(session =>
        {
            int changed = session.Execute(
                $"UPDATE mlnet_tuning_trials SET state = @state, value = @value, seconds = @seconds, error = @error, finished = {Now} WHERE id = @id AND state = 'Running'",
                ("@state", state.ToString()), ("@value", TrialStoreRules.StoredValue(value)), ("@seconds", seconds), ("@error", error), ("@id", trialId));
            if (changed == 1) return true;
            CheckTrial(session, trialId);
            return false;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialRecord> Trials(long searchId) => Read(session =>
    {
        CheckSearch(session, searchId);
        return ReadTrials(session, searchId);
    });

    /// <inheritdoc/>
    public int RequeueStale(long searchId, TimeSpan timeout)
    {
        TrialStoreRules.CheckTimeout(timeout);
        return Exclusive(searchId, session =>
        {
            CheckSearch(session, searchId);
            var stale = session.Query(
                $"SELECT id, number, parameters, worker, heartbeat FROM mlnet_tuning_trials WHERE search_id = @search AND state = 'Running' AND heartbeat < {Now} - @timeout ORDER BY number",
                r => (Id: SqlSession.ToInt64(r.GetValue(0)), Number: (int)SqlSession.ToInt64(r.GetValue(1)), Parameters: r.GetString(2),
                    Worker: r.GetString(3), Heartbeat: DateTimeOffset.FromUnixTimeMilliseconds(SqlSession.ToInt64(r.GetValue(4))).UtcDateTime),
                ("@search", searchId), ("@timeout", (long)Math.Ceiling(timeout.TotalMilliseconds)));
            if (stale.Count == 0) return 0;

            int next = (int)session.Int64("SELECT MAX(number) FROM mlnet_tuning_trials WHERE search_id = @search", ("@search", searchId)) + 1;
            int requeued = 0;
            foreach (var trial in stale)
            {
                int failed = session.Execute(
                    $"""
                    UPDATE mlnet_tuning_trials SET state = 'Failed', requeued = TRUE, error = @error,
                        seconds = CAST({Now} - started AS double precision) / 1000, finished = {Now}
                    WHERE id = @id AND state = 'Running'
                    """,
                    ("@error", TrialStoreRules.StaleError(trial.Worker, trial.Heartbeat, next)), ("@id", trial.Id));
                if (failed == 0) continue;
                session.Execute(
                    """
                    INSERT INTO mlnet_tuning_trials (search_id, number, state, parameters, seconds, worker, retry_of, requeued)
                    VALUES (@search, @number, 'Waiting', @parameters, 0, '', @retry_of, FALSE)
                    """,
                    ("@search", searchId), ("@number", next), ("@parameters", trial.Parameters), ("@retry_of", trial.Number));
                next++;
                requeued++;
            }
            return requeued;
        });
    }

    /// <inheritdoc/>
    public abstract void Dispose();

    private static SearchRecord? FindSearch(SqlSession session, string name) => session.Query(
        "SELECT id, name, definition FROM mlnet_tuning_searches WHERE name = @name",
        r => new SearchRecord(SqlSession.ToInt64(r.GetValue(0)), r.GetString(1), r.GetString(2)), ("@name", name)).SingleOrDefault();

    private List<TrialRecord> ReadTrials(SqlSession session, long searchId)
    {
        var epochValues = new Dictionary<long, List<double>>();
        session.Query(
            """
            SELECT v.trial_id, v.value FROM mlnet_tuning_trial_values v JOIN mlnet_tuning_trials t ON t.id = v.trial_id
            WHERE t.search_id = @search ORDER BY v.trial_id, v.epoch
            """,
            r =>
            {
                long trial = SqlSession.ToInt64(r.GetValue(0));
                if (!epochValues.TryGetValue(trial, out var values)) epochValues[trial] = values = [];
                values.Add(r.IsDBNull(1) ? double.NaN : r.GetDouble(1));
                return 0;
            },
            ("@search", searchId));

        return session.Query(
            $"SELECT id, number, state, parameters, value, seconds, error, worker, retry_of, started, {Now} FROM mlnet_tuning_trials WHERE search_id = @search ORDER BY number",
            r =>
            {
                long id = SqlSession.ToInt64(r.GetValue(0));
                var state = Enum.Parse<TrialState>(r.GetString(2));
                double seconds = state == TrialState.Running && !r.IsDBNull(9)
                    ? (SqlSession.ToInt64(r.GetValue(10)) - SqlSession.ToInt64(r.GetValue(9))) / 1000.0
                    : r.GetDouble(5);
                return new TrialRecord(id, (int)SqlSession.ToInt64(r.GetValue(1)), state, ParametersJson.Read(r.GetString(3)),
                    r.IsDBNull(4) ? null : r.GetDouble(4), epochValues.GetValueOrDefault(id) ?? [], seconds,
                    r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : (int)SqlSession.ToInt64(r.GetValue(8)));
            },
            ("@search", searchId));
    }

    private int RenewHeartbeat(SqlSession session, long trialId) =>
        session.Execute($"UPDATE mlnet_tuning_trials SET heartbeat = {Now} WHERE id = @id", ("@id", trialId)) == 1
            ? 1
            : throw NoTrial(trialId);

    private void CheckSearch(SqlSession session, long searchId)
    {
        if (session.Int64("SELECT COUNT(*) FROM mlnet_tuning_searches WHERE id = @id", ("@id", searchId)) == 0) throw NoSearch(searchId);
    }

    private void CheckTrial(SqlSession session, long trialId)
    {
        if (session.Int64("SELECT COUNT(*) FROM mlnet_tuning_trials WHERE id = @id", ("@id", trialId)) == 0) throw NoTrial(trialId);
    }

    private ArgumentException NoSearch(long searchId) => new($"The trial store {Description} has no search with id {searchId}.", nameof(searchId));

    private ArgumentException NoTrial(long trialId) => new($"The trial store {Description} has no trial with id {trialId}.", nameof(trialId));
}
