using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Tests.Ledger;

public sealed class JsonFileLedgerStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-ledger-").FullName;
    private readonly StoppedClock _clock = new(T0);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string LedgerPath => Path.Combine(_folder, "securebuild-ledger.json");

    private JsonFileLedgerStore Store() => new(LedgerPath, _clock);

    internal static SlaFinding Finding(string advisory, string project, string version = "1.0.0", AdvisorySeverity severity = AdvisorySeverity.High) =>
        new(advisory, [], "Contoso.Json", version, project, severity, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), "9.9.9", null);

    [Fact]
    public void Read_NoFileYet_IsEmpty() => Assert.Empty(Store().Read().Findings);

    [Fact]
    public void RecordScan_FindingWithoutPublicationDate_KeepsItUnknownAndItsFirstSeen()
    {
        Store().RecordScan("App", [Finding("GHSA-1", "App") with { Published = null }], "ci");

        var finding = Assert.Single(Store().Read().Findings);
        Assert.Null(finding.Finding.Published);
        Assert.Equal(T0, finding.FirstSeen);
        Assert.DoesNotContain("\"published\"", File.ReadAllText(LedgerPath), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordScan_NewFindings_AreOpenedWithFirstSeenAndHistory()
    {
        var recorded = Store().RecordScan("App", [Finding("GHSA-1", "App"), Finding("GHSA-2", "App")], "ci");

        Assert.Equal(2, recorded.Count);
        var ledger = Store().Read();
        Assert.All(ledger.Findings, f => Assert.Equal(T0, f.FirstSeen));
        Assert.Equal([HistoryKind.Opened, HistoryKind.Opened], ledger.History.Select(h => h.Kind));
        Assert.All(ledger.History, h => Assert.Equal("ci", h.Actor));
    }

    [Fact]
    public void RecordScan_SeenAgain_KeepsFirstSeenAndRecordsVersionChange()
    {
        Store().RecordScan("App", [Finding("GHSA-1", "App", "1.0.0")], "ci");
        _clock.Now = T0.AddDays(3);

        var recorded = Assert.Single(Store().RecordScan("App", [Finding("GHSA-1", "App", "1.0.1")], "ci"));

        Assert.Equal(T0, recorded.FirstSeen);
        Assert.Equal(T0.AddDays(3), recorded.LastSeen);
        Assert.Equal("1.0.1", recorded.Finding.PackageVersion);
        Assert.Equal(HistoryKind.VersionChanged, Store().Read().History[^1].Kind);
    }

    [Fact]
    public void RecordScan_FindingGone_IsFixedThenReopened()
    {
        Store().RecordScan("App", [Finding("GHSA-1", "App")], "ci");
        Store().RecordScan("Other", [Finding("GHSA-1", "Other")], "ci");
        _clock.Now = T0.AddDays(1);
        Store().RecordScan("App", [], "ci");

        var ledger = Store().Read();
        Assert.Equal(T0.AddDays(1), ledger.Findings.Single(f => f.Finding.Project == "App").FixedAt);
        Assert.Null(ledger.Findings.Single(f => f.Finding.Project == "Other").FixedAt);

        _clock.Now = T0.AddDays(2);
        Store().RecordScan("App", [Finding("GHSA-1", "App")], "ci");
        var reopened = Store().Read();
        Assert.Null(reopened.Findings.Single(f => f.Finding.Project == "App").FixedAt);
        Assert.Equal(T0, reopened.Findings.Single(f => f.Finding.Project == "App").FirstSeen);
        Assert.Equal(
            [HistoryKind.Opened, HistoryKind.Opened, HistoryKind.Fixed, HistoryKind.Reopened],
            reopened.History.Select(h => h.Kind));
    }

    [Fact]
    public void ReleasesAndAcceptances_RoundTripWithHistory()
    {
        Store().RecordRelease(new LedgerRelease("4.2", T0, null, "release-gate"));
        Store().AcceptRisk(new RiskAcceptance("GHSA-1", "App", "Contoso.Json", "alice", "No exploit path: \"parser\" unused", T0.AddDays(30), T0));

        var ledger = Store().Read();

        Assert.Equal(new LedgerRelease("4.2", T0, null, "release-gate"), Assert.Single(ledger.Releases));
        Assert.Equal("No exploit path: \"parser\" unused", Assert.Single(ledger.Acceptances).Reason);
        Assert.Equal([HistoryKind.ReleaseRecorded, HistoryKind.RiskAccepted], ledger.History.Select(h => h.Kind));
    }

    [Fact]
    public void File_IsStableAndOneRecordPerLine()
    {
        Store().RecordScan("B", [Finding("GHSA-2", "B"), Finding("GHSA-1", "B")], "ci");
        Store().RecordScan("A", [Finding("GHSA-3", "A")], "ci");
        var text = File.ReadAllText(LedgerPath);

        Assert.StartsWith("{\n  \"schemaVersion\": 1,\n  \"findings\": [\n    {\"advisory\":\"GHSA-3\",", text, StringComparison.Ordinal);
        Assert.Equal(text, LedgerJson.Serialize(LedgerJson.Parse(File.ReadAllBytes(LedgerPath), LedgerPath)));
        var findingLines = text.Split('\n').Where(l => l.Contains("\"firstSeen\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, findingLines.Count);
        Assert.Contains("\"project\":\"A\"", findingLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptField_NamesTheLineAndField()
    {
        Store().RecordScan("App", [Finding("GHSA-1", "App"), Finding("GHSA-2", "App")], "ci");
        File.WriteAllText(LedgerPath, File.ReadAllText(LedgerPath).Replace("\"firstSeen\":\"2026-11-02T09:00:00Z\",\"lastSeen\":\"2026-11-02T09:00:00Z\",\"fixedAt\":null},", "\"firstSeen\":\"yesterday\",\"lastSeen\":\"2026-11-02T09:00:00Z\",\"fixedAt\":null},", StringComparison.Ordinal));

        var error = Assert.Throws<InputFileException>(() => Store().Read());

        Assert.Equal(DiagnosticCodes.LedgerInvalid, error.Code);
        Assert.Equal(4, error.Line);
        Assert.Contains("'findings[0].firstSeen'", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"yesterday\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotJson_IsSSB0303()
    {
        File.WriteAllText(LedgerPath, "{ \"schemaVersion\": 1,\n  \"findings\": [ oops ] }");

        var error = Assert.Throws<InputFileException>(() => Store().Read());

        Assert.Equal(DiagnosticCodes.LedgerInvalid, error.Code);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void LockHeldTooLong_IsSSB0304()
    {
        using var held = new FileStream(LedgerPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var store = new JsonFileLedgerStore(LedgerPath, _clock, TimeSpan.FromMilliseconds(300));

        var error = Assert.Throws<InputFileException>(() => store.RecordRelease(new LedgerRelease("1.0", T0, null, "gate")));

        Assert.Equal(DiagnosticCodes.LedgerBusy, error.Code);
    }

    [Fact]
    public void ParallelWriters_EightThreads_LoseNothing()
    {
        const int Writers = 8;
        const int Findings = 60;
        const int Steps = 6;
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, writer =>
        {
            var project = $"Project{writer}";
            var store = new JsonFileLedgerStore(LedgerPath, _clock);
            for (var step = 1; step <= Steps; step++)
            {
                var scan = Enumerable.Range(0, Findings * step / Steps).Select(i => Finding($"GHSA-{i:D4}", project)).ToList();
                store.RecordScan(project, scan, $"writer{writer}");
                store.AcceptRisk(new RiskAcceptance($"GHSA-{step:D4}", project, null, $"writer{writer}", "test", T0.AddDays(1), T0));
            }
        });

        var ledger = Store().Read();
        Assert.Equal(Writers * Findings, ledger.Findings.Count);
        Assert.Equal(Writers * Findings, ledger.Findings.Select(f => f.Key).Distinct().Count());
        Assert.All(ledger.Findings, f => Assert.Null(f.FixedAt));
        Assert.Equal(Writers * Steps, ledger.Acceptances.Count);
        Assert.Equal(Writers * (Findings + Steps), ledger.History.Count);
    }

    [Fact]
    public void SlaFindingsFile_BadSeverity_NamesLineAndField()
    {
        var path = Path.Combine(_folder, "findings.json");
        File.WriteAllText(path, """
            {
              "findings": [
                {"advisory": "GHSA-1", "package": "A", "version": "1.0.0", "project": "App", "severity": "HIGH", "published": "2026-10-01T00:00:00Z"},
                {"advisory": "GHSA-2", "package": "A", "version": "1.0.0", "project": "App", "severity": "SEVERE", "published": "2026-10-01T00:00:00Z"}
              ]
            }
            """);

        var error = Assert.Throws<InputFileException>(() => SlaFindingsFile.Read(path));

        Assert.Equal(DiagnosticCodes.SlaFindingsInvalid, error.Code);
        Assert.Equal(4, error.Line);
        Assert.Contains("'findings[1].severity'", error.Message, StringComparison.Ordinal);
    }
}
