using Npgsql;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Ledger.PostgreSql.Tests;

public sealed class PostgreSqlLedgerStoreTests : IClassFixture<PostgreSqlCluster>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlCluster _cluster;

    public PostgreSqlLedgerStoreTests(PostgreSqlCluster cluster) => _cluster = cluster;

    private string NewDatabase()
    {
        var name = "ledger_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(_cluster.ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return _cluster.ConnectionString(name);
    }

    private static SlaFinding Finding(string advisory, string project, string version = "1.0.0") =>
        new(advisory, ["CVE-2026-0001"], "Contoso.Json", version, project, AdvisorySeverity.High, T0.AddDays(-30), "9.9.9", "summary");

    [Fact]
    public void FindingWithoutPublicationDate_IsStoredWithoutOne()
    {
        var connectionString = NewDatabase();
        var store = new PostgreSqlLedgerStore(connectionString, new StoppedClock(T0));

        store.RecordScan("App", [Finding("GHSA-feed-only", "App") with { Published = null }, Finding("GHSA-osv", "App")], "ci");

        var findings = new PostgreSqlLedgerStore(connectionString, new StoppedClock(T0)).Read().Findings.ToDictionary(f => f.Key.AdvisoryId);
        Assert.Null(findings["GHSA-feed-only"].Finding.Published);
        Assert.Equal(T0, findings["GHSA-feed-only"].FirstSeen);
        Assert.Equal(T0.AddDays(-30), findings["GHSA-osv"].Finding.Published);
    }

    [Fact]
    public void EightConcurrentWriters_FiveHundredFindingsEach_NothingLostOrDuplicated()
    {
        const int Writers = 8;
        const int Findings = 500;
        const int Scans = 10;
        var connectionString = NewDatabase();
        var clock = new StoppedClock(T0);

        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, writer =>
        {
            var store = new PostgreSqlLedgerStore(connectionString, clock);
            var project = $"Service{writer}";
            for (var scan = 1; scan <= Scans; scan++)
            {
                var findings = Enumerable.Range(0, Findings * scan / Scans).Select(i => Finding($"GHSA-{i:D4}", project)).ToList();
                var recorded = store.RecordScan(project, findings, $"writer{writer}");
                Assert.Equal(findings.Count, recorded.Count);
                store.AcceptRisk(new RiskAcceptance($"GHSA-{scan:D4}", project, null, $"writer{writer}", "test", T0.AddDays(5), T0));
            }

            store.RecordRelease(new LedgerRelease($"{writer}.0", T0.AddMinutes(writer), project, $"writer{writer}"));
        });

        var ledger = new PostgreSqlLedgerStore(connectionString, clock).Read();
        Assert.Equal(Writers * Findings, ledger.Findings.Count);
        Assert.Equal(Writers * Findings, ledger.Findings.Select(f => f.Key).Distinct().Count());
        Assert.All(ledger.Findings, f => Assert.True(f.IsOpen));
        Assert.Equal(Writers * Findings, ledger.History.Count(h => h.Kind == HistoryKind.Opened));
        Assert.Equal(Writers * Findings, ledger.History.Where(h => h.Kind == HistoryKind.Opened).Select(h => (h.Project, h.AdvisoryId)).Distinct().Count());
        Assert.Equal(Writers * Scans, ledger.Acceptances.Count);
        Assert.Equal(Writers, ledger.Releases.Count);
    }

    [Fact]
    public void TwoBuildsOfOneProjectAtOnce_OpenEachFindingOnce()
    {
        var connectionString = NewDatabase();
        var clock = new StoppedClock(T0);
        var findings = Enumerable.Range(0, 200).Select(i => Finding($"GHSA-{i:D4}", "Shared")).ToList();

        Parallel.For(0, 6, _ => new PostgreSqlLedgerStore(connectionString, clock).RecordScan("Shared", findings, "ci"));

        var ledger = new PostgreSqlLedgerStore(connectionString, clock).Read();
        Assert.Equal(200, ledger.Findings.Count);
        Assert.Equal(200, ledger.History.Count(h => h.Kind == HistoryKind.Opened));
    }

    [Fact]
    public void ScanFixReopen_RoundTripsLikeTheFileStore()
    {
        var connectionString = NewDatabase();
        var clock = new StoppedClock(T0);
        var store = new PostgreSqlLedgerStore(connectionString, clock);

        store.RecordScan("App", [Finding("GHSA-1", "App", "1.0.0")], "ci");
        clock.Now = T0.AddDays(1);
        store.RecordScan("App", [Finding("GHSA-1", "App", "1.0.1")], "ci");
        clock.Now = T0.AddDays(2);
        store.RecordScan("App", [], "ci");
        store.AcceptRisk(new RiskAcceptance("GHSA-1", null, null, "alice", "why", T0.AddDays(9), T0.AddDays(2)));

        var ledger = store.Read();
        var finding = Assert.Single(ledger.Findings);
        Assert.Equal(T0, finding.FirstSeen);
        Assert.Equal(T0.AddDays(1), finding.LastSeen);
        Assert.Equal(T0.AddDays(2), finding.FixedAt);
        Assert.Equal(["CVE-2026-0001"], finding.Finding.Aliases);
        Assert.Equal("1.0.1", finding.Finding.PackageVersion);
        Assert.Equal(
            [HistoryKind.Opened, HistoryKind.VersionChanged, HistoryKind.Fixed, HistoryKind.RiskAccepted],
            ledger.History.Select(h => h.Kind));
        Assert.Equal(T0.AddDays(9), Assert.Single(ledger.Acceptances).Until);
    }

    [Fact]
    public void Bypasses_OpenMoveAndGo_LikeTheFileStore()
    {
        var connectionString = NewDatabase();
        var file = Path.Combine(Directory.CreateTempSubdirectory("ssb-pg-bypass-").FullName, "ledger.json");
        var pragma = new Core.Bypass.BypassItem("pragma", "SSB2001", "Program.cs", 3, false, null, "#pragma warning disable SSB2001");
        var noWarn = new Core.Bypass.BypassItem("no-warn", "SSB2001", null, 0, false, null, "NoWarn includes SSB2001");
        foreach (var (at, items) in new[] { (T0, new[] { pragma, noWarn }), (T0.AddDays(2), new[] { pragma with { Line = 5, Justified = true, Reason = "MD5 names cache files only" } }) })
        {
            new PostgreSqlLedgerStore(connectionString, new StoppedClock(at)).RecordBypasses("App", items, "ci");
            new JsonFileLedgerStore(file, new StoppedClock(at)).RecordBypasses("App", items, "ci");
        }

        var database = new PostgreSqlLedgerStore(connectionString, new StoppedClock(T0)).Read();
        var json = new JsonFileLedgerStore(file, new StoppedClock(T0)).Read();

        Assert.Equal(json.Bypasses.OrderBy(b => b.Key), database.Bypasses.OrderBy(b => b.Key));
        Assert.Equal(2, database.Bypasses.Count);
        Assert.Single(database.Bypasses, b => b.GoneAt == T0.AddDays(2) && b.Item.File is null);
        Assert.Equal(json.History.Select(h => (h.Kind, h.Detail)), database.History.Select(h => (h.Kind, h.Detail)));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void History_CannotBeRewritten()
    {
        var connectionString = NewDatabase();
        new PostgreSqlLedgerStore(connectionString, new StoppedClock(T0)).RecordScan("App", [Finding("GHSA-1", "App")], "ci");
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("DELETE FROM securebuild_history", connection);

        var error = Assert.Throws<PostgresException>(() => command.ExecuteNonQuery());

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_NeverShowsThePassword()
    {
        var store = new PostgreSqlLedgerStore("Host=db.example;Port=5432;Username=ci;Password=s3cr3t-value;Database=ledger", new StoppedClock(T0));

        Assert.Equal("postgresql://ci@db.example:5432/ledger", store.Description);
    }

    [Fact]
    public void Unreachable_IsSSB0305WithoutThePassword()
    {
        var store = new PostgreSqlLedgerStore("Host=127.0.0.1;Port=1;Username=ci;Password=s3cr3t-value;Database=ledger;Timeout=2", new StoppedClock(T0));

        var error = Assert.Throws<InputFileException>(() => store.Read());

        Assert.Equal(DiagnosticCodes.LedgerDatabaseUnavailable, error.Code);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedConnectionString_IsSSB0305WithoutEchoingIt()
    {
        var error = Assert.Throws<InputFileException>(() => new PostgreSqlLedgerStore("Host=x;Password=s3cr3t;Bogus Key=1", new StoppedClock(T0)));

        Assert.Equal(DiagnosticCodes.LedgerDatabaseUnavailable, error.Code);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }
}
