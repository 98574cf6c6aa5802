using Npgsql;
using NpgsqlTypes;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Bypass;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Ledger.PostgreSql;

/// <summary>
/// The ledger in PostgreSQL, for an organisation whose builds report into one place. Each write is one transaction; a
/// scan of a project holds a transaction-scoped advisory lock on that project, so concurrent builds of the same project
/// serialize (no finding opened twice) while different projects write in parallel. History rows cannot be updated or
/// deleted (a trigger refuses it). The schema is created on first use.
/// </summary>
public sealed class PostgreSqlLedgerStore : ILedgerStore
{
    private const long SchemaLockKey = 0x5342_4C45_4447_4552; // "SBLEDGER"

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private bool _schemaReady;

    /// <summary>Creates a store over <paramref name="connectionString"/> (never printed: <see cref="Description"/> leaves the password out).</summary>
    public PostgreSqlLedgerStore(string connectionString, TimeProvider clock)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The message of the exception may quote the string, password included: say only that it is malformed.
            throw new InputFileException(DiagnosticCodes.LedgerDatabaseUnavailable, "PostgreSQL ledger", "The ledger connection string is not a valid PostgreSQL connection string.");
        }

        _connectionString = connectionString;
        _clock = clock;
        Description = $"postgresql://{builder.Username ?? "(default user)"}@{builder.Host}:{builder.Port}/{builder.Database ?? "(default database)"}";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public LedgerSnapshot Read() => Execute(connection =>
    {
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var findings = ReadFindings(connection, transaction, project: null);
        var releases = Query(connection, transaction, "SELECT version, at, project, actor FROM securebuild_releases ORDER BY at, version, id",
            r => new LedgerRelease(r.GetString(0), Time(r, 1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));
        var acceptances = Query(connection, transaction, "SELECT advisory, project, package, actor, reason, until, at FROM securebuild_acceptances ORDER BY at, advisory, id",
            r => new RiskAcceptance(r.GetString(0), Nullable(r, 1), Nullable(r, 2), r.GetString(3), r.GetString(4), Time(r, 5), Time(r, 6)));
        var history = Query(connection, transaction, "SELECT at, actor, kind, advisory, package, project, detail FROM securebuild_history ORDER BY id",
            r => new HistoryEntry(Time(r, 0), r.GetString(1), Enum.Parse<HistoryKind>(r.GetString(2)), Nullable(r, 3), Nullable(r, 4), Nullable(r, 5), r.GetString(6)));
        var bypasses = ReadBypasses(connection, transaction, project: null);
        transaction.Commit();
        return new LedgerSnapshot(findings, releases, acceptances, history) { Bypasses = bypasses };
    });

    /// <inheritdoc />
    public IReadOnlyList<LedgerFinding> RecordScan(string project, IReadOnlyList<SlaFinding> findings, string actor) => Execute(connection =>
    {
        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('securebuild-ledger:' || @project, 0))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("project", project);
            lockCommand.ExecuteNonQuery();
        }

        var existing = ReadFindings(connection, transaction, project);
        var (upserts, history) = ScanMerge.Merge(project, existing, findings, _clock.GetUtcNow(), actor);
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var upsert in upserts)
        {
            var f = upsert.Finding;
            var command = new NpgsqlBatchCommand("""
                INSERT INTO securebuild_findings (project, advisory, package, aliases, version, severity, published, fixed_in, summary, first_seen, last_seen, fixed_at)
                VALUES (@project, @advisory, @package, @aliases, @version, @severity, @published, @fixed_in, @summary, @first_seen, @last_seen, @fixed_at)
                ON CONFLICT (project, advisory, package) DO UPDATE SET aliases = EXCLUDED.aliases, version = EXCLUDED.version,
                  severity = EXCLUDED.severity, published = EXCLUDED.published, fixed_in = EXCLUDED.fixed_in, summary = EXCLUDED.summary,
                  first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, fixed_at = EXCLUDED.fixed_at
                """);
            command.Parameters.AddWithValue("project", f.Project);
            command.Parameters.AddWithValue("advisory", f.AdvisoryId);
            command.Parameters.AddWithValue("package", f.PackageId);
            command.Parameters.AddWithValue("aliases", f.Aliases.ToArray());
            command.Parameters.AddWithValue("version", f.PackageVersion);
            command.Parameters.AddWithValue("severity", f.Severity.ToString().ToUpperInvariant());
            command.Parameters.AddWithValue("published", f.Published is { } published ? published.ToUniversalTime() : DBNull.Value);
            command.Parameters.Add(new NpgsqlParameter("fixed_in", NpgsqlDbType.Text) { Value = (object?)f.FixedIn ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("summary", NpgsqlDbType.Text) { Value = (object?)f.Summary ?? DBNull.Value });
            command.Parameters.AddWithValue("first_seen", upsert.FirstSeen.ToUniversalTime());
            command.Parameters.AddWithValue("last_seen", upsert.LastSeen.ToUniversalTime());
            command.Parameters.Add(new NpgsqlParameter("fixed_at", NpgsqlDbType.TimestampTz) { Value = upsert.FixedAt is { } at ? at.ToUniversalTime() : DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        AddHistory(batch, history);
        if (batch.BatchCommands.Count > 0)
        {
            batch.ExecuteNonQuery();
        }

        transaction.Commit();
        var keys = findings.Where(f => f.Project == project).Select(f => f.Key).ToHashSet();
        return upserts.Concat(existing).DistinctBy(f => f.Key).Where(f => keys.Contains(f.Key)).OrderBy(f => f.Key).ToList();
    });

    /// <inheritdoc />
    public void RecordBypasses(string project, IReadOnlyList<BypassItem> bypasses, string actor) => Execute(connection =>
    {
        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('securebuild-bypasses:' || @project, 0))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("project", project);
            lockCommand.ExecuteNonQuery();
        }

        var (upserts, history) = BypassMerge.Merge(project, ReadBypasses(connection, transaction, project), bypasses, _clock.GetUtcNow(), actor);
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var b in upserts)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO securebuild_bypasses (project, kind, target, file, ordinal, line, justified, reason, detail, first_seen, last_seen, gone_at)
                VALUES (@project, @kind, @target, @file, @ordinal, @line, @justified, @reason, @detail, @first_seen, @last_seen, @gone_at)
                ON CONFLICT (project, kind, target, file, ordinal) DO UPDATE SET line = EXCLUDED.line, justified = EXCLUDED.justified,
                  reason = EXCLUDED.reason, detail = EXCLUDED.detail, first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen,
                  gone_at = EXCLUDED.gone_at
                """);
            command.Parameters.AddWithValue("project", b.Project);
            command.Parameters.AddWithValue("kind", b.Item.Kind);
            command.Parameters.AddWithValue("target", b.Item.Target);
            command.Parameters.AddWithValue("file", b.Item.File ?? string.Empty);
            command.Parameters.AddWithValue("ordinal", b.Ordinal);
            command.Parameters.AddWithValue("line", b.Item.Line);
            command.Parameters.AddWithValue("justified", b.Item.Justified);
            command.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)b.Item.Reason ?? DBNull.Value });
            command.Parameters.AddWithValue("detail", b.Item.Detail);
            command.Parameters.AddWithValue("first_seen", b.FirstSeen.ToUniversalTime());
            command.Parameters.AddWithValue("last_seen", b.LastSeen.ToUniversalTime());
            command.Parameters.Add(new NpgsqlParameter("gone_at", NpgsqlDbType.TimestampTz) { Value = b.GoneAt is { } at ? at.ToUniversalTime() : DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        AddHistory(batch, history);
        if (batch.BatchCommands.Count > 0)
        {
            batch.ExecuteNonQuery();
        }

        transaction.Commit();
        return 0;
    });

    /// <inheritdoc />
    public void RecordRelease(LedgerRelease release) => Execute(connection =>
    {
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        var command = new NpgsqlBatchCommand("INSERT INTO securebuild_releases (version, at, project, actor) VALUES (@version, @at, @project, @actor)");
        command.Parameters.AddWithValue("version", release.Version);
        command.Parameters.AddWithValue("at", release.At.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("project", NpgsqlDbType.Text) { Value = (object?)release.Project ?? DBNull.Value });
        command.Parameters.AddWithValue("actor", release.Actor);
        batch.BatchCommands.Add(command);
        AddHistory(batch, [ScanMerge.ReleaseEntry(release)]);
        batch.ExecuteNonQuery();
        transaction.Commit();
        return 0;
    });

    /// <inheritdoc />
    public void AcceptRisk(RiskAcceptance acceptance) => Execute(connection =>
    {
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        var command = new NpgsqlBatchCommand("""
            INSERT INTO securebuild_acceptances (advisory, project, package, actor, reason, until, at)
            VALUES (@advisory, @project, @package, @actor, @reason, @until, @at)
            """);
        command.Parameters.AddWithValue("advisory", acceptance.AdvisoryId);
        command.Parameters.Add(new NpgsqlParameter("project", NpgsqlDbType.Text) { Value = (object?)acceptance.Project ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("package", NpgsqlDbType.Text) { Value = (object?)acceptance.PackageId ?? DBNull.Value });
        command.Parameters.AddWithValue("actor", acceptance.Actor);
        command.Parameters.AddWithValue("reason", acceptance.Reason);
        command.Parameters.AddWithValue("until", acceptance.Until.ToUniversalTime());
        command.Parameters.AddWithValue("at", acceptance.At.ToUniversalTime());
        batch.BatchCommands.Add(command);
        AddHistory(batch, [ScanMerge.AcceptanceEntry(acceptance)]);
        batch.ExecuteNonQuery();
        transaction.Commit();
        return 0;
    });

    private T Execute<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            EnsureSchema(connection);
            return work(connection);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new InputFileException(DiagnosticCodes.LedgerDatabaseUnavailable, Description,
                $"The PostgreSQL ledger {Description} cannot be used: {e.Message}", inner: e);
        }
    }

    private void EnsureSchema(NpgsqlConnection connection)
    {
        if (_schemaReady)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        // Concurrent first builds would otherwise race on CREATE TABLE IF NOT EXISTS (a unique violation in pg_type).
        using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey})", connection, transaction))
        {
            command.ExecuteNonQuery();
        }

        using (var command = new NpgsqlCommand(Schema, connection, transaction))
        {
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        _schemaReady = true;
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS securebuild_findings (
          project text NOT NULL, advisory text NOT NULL, package text NOT NULL, aliases text[] NOT NULL, version text NOT NULL,
          severity text NOT NULL, published timestamptz, fixed_in text, summary text,
          first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL, fixed_at timestamptz,
          PRIMARY KEY (project, advisory, package));
        -- An advisory only a NuGet feed lists has no publication date (its clock starts at first-seen).
        ALTER TABLE securebuild_findings ALTER COLUMN published DROP NOT NULL;
        CREATE TABLE IF NOT EXISTS securebuild_releases (
          id bigserial PRIMARY KEY, version text NOT NULL, at timestamptz NOT NULL, project text, actor text NOT NULL);
        CREATE TABLE IF NOT EXISTS securebuild_acceptances (
          id bigserial PRIMARY KEY, advisory text NOT NULL, project text, package text, actor text NOT NULL, reason text NOT NULL,
          until timestamptz NOT NULL, at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS securebuild_history (
          id bigserial PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL, kind text NOT NULL,
          advisory text, package text, project text, detail text NOT NULL);
        CREATE TABLE IF NOT EXISTS securebuild_bypasses (
          project text NOT NULL, kind text NOT NULL, target text NOT NULL, file text NOT NULL, ordinal integer NOT NULL,
          line integer NOT NULL, justified boolean NOT NULL, reason text, detail text NOT NULL,
          first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL, gone_at timestamptz,
          PRIMARY KEY (project, kind, target, file, ordinal));
        CREATE OR REPLACE FUNCTION securebuild_history_append_only() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'securebuild_history is append-only'; END $$;
        CREATE OR REPLACE TRIGGER securebuild_history_append_only BEFORE UPDATE OR DELETE ON securebuild_history
          FOR EACH ROW EXECUTE FUNCTION securebuild_history_append_only();
        """;

    private static void AddHistory(NpgsqlBatch batch, IEnumerable<HistoryEntry> history)
    {
        foreach (var h in history)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO securebuild_history (at, actor, kind, advisory, package, project, detail)
                VALUES (@at, @actor, @kind, @advisory, @package, @project, @detail)
                """);
            command.Parameters.AddWithValue("at", h.At.ToUniversalTime());
            command.Parameters.AddWithValue("actor", h.Actor);
            command.Parameters.AddWithValue("kind", h.Kind.ToString());
            command.Parameters.Add(new NpgsqlParameter("advisory", NpgsqlDbType.Text) { Value = (object?)h.AdvisoryId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("package", NpgsqlDbType.Text) { Value = (object?)h.PackageId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("project", NpgsqlDbType.Text) { Value = (object?)h.Project ?? DBNull.Value });
            command.Parameters.AddWithValue("detail", h.Detail);
            batch.BatchCommands.Add(command);
        }
    }

    private static List<LedgerFinding> ReadFindings(NpgsqlConnection connection, NpgsqlTransaction transaction, string? project)
    {
        var sql = """
            SELECT advisory, aliases, package, version, project, severity, published, fixed_in, summary, first_seen, last_seen, fixed_at
            FROM securebuild_findings
            """ + (project is null ? string.Empty : " WHERE project = @project") + " ORDER BY project, advisory, package";
        return Query(connection, transaction, sql, r => new LedgerFinding(
            new SlaFinding(
                r.GetString(0), r.GetFieldValue<string[]>(1), r.GetString(2), r.GetString(3), r.GetString(4),
                LedgerJson.TryParseSeverity(r.GetString(5), out var severity) ? severity : AdvisorySeverity.Unknown,
                r.IsDBNull(6) ? null : Time(r, 6), Nullable(r, 7), Nullable(r, 8)),
            Time(r, 9), Time(r, 10), r.IsDBNull(11) ? null : Time(r, 11)),
            project is null ? [] : [new NpgsqlParameter("project", project)]);
    }

    private static List<LedgerBypass> ReadBypasses(NpgsqlConnection connection, NpgsqlTransaction transaction, string? project)
    {
        var sql = "SELECT project, ordinal, kind, target, file, line, justified, reason, detail, first_seen, last_seen, gone_at FROM securebuild_bypasses"
            + (project is null ? string.Empty : " WHERE project = @project") + " ORDER BY project, kind, target, file, ordinal";
        return Query(connection, transaction, sql, r => new LedgerBypass(
            r.GetString(0), r.GetInt32(1),
            new BypassItem(r.GetString(2), r.GetString(3), r.GetString(4) is { Length: > 0 } file ? file : null, r.GetInt32(5), r.GetBoolean(6), Nullable(r, 7), r.GetString(8)),
            Time(r, 9), Time(r, 10), r.IsDBNull(11) ? null : Time(r, 11)),
            project is null ? [] : [new NpgsqlParameter("project", project)]);
    }

    private static List<T> Query<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Func<NpgsqlDataReader, T> read, NpgsqlParameter[]? parameters = null)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters ?? []);
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(read(reader));
        }

        return result;
    }

    private static DateTimeOffset Time(NpgsqlDataReader reader, int column) => reader.GetFieldValue<DateTimeOffset>(column);

    private static string? Nullable(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
