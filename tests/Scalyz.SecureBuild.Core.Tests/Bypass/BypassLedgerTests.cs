using Scalyz.SecureBuild.Core.Bypass;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sla;

namespace Scalyz.SecureBuild.Core.Tests.Bypass;

public sealed class BypassLedgerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-bypass-ledger-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RecordBypasses_OpensKeepsThroughLineMovesMarksGone_AndReadsBack()
    {
        var path = Path.Combine(_folder, "ledger.json");
        var pragma = new BypassItem(BypassKinds.Pragma, "SSB2001", "Program.cs", 3, false, null, "#pragma warning disable SSB2001");
        var noWarn = new BypassItem(BypassKinds.NoWarn, "SSB2001", "App.csproj", 5, false, null, "NoWarn includes SSB2001");
        var day1 = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

        new JsonFileLedgerStore(path, new StoppedClock(day1)).RecordBypasses("App", [pragma, noWarn], "build");
        // Two days later the pragma moved down two lines and got a reason; the NoWarn is gone.
        var moved = pragma with { Line = 5, Justified = true, Reason = "MD5 names cache files only" };
        new JsonFileLedgerStore(path, new StoppedClock(day1.AddDays(2))).RecordBypasses("App", [moved], "build");
        new JsonFileLedgerStore(path, new StoppedClock(day1.AddDays(2))).RecordBypasses("Other", [], "build");

        var ledger = new JsonFileLedgerStore(path, TimeProvider.System).Read();
        var kept = Assert.Single(ledger.Bypasses, b => b.Item.Kind == BypassKinds.Pragma);
        Assert.Equal((moved, day1, day1.AddDays(2), (DateTimeOffset?)null), (kept.Item, kept.FirstSeen, kept.LastSeen, kept.GoneAt));
        var gone = Assert.Single(ledger.Bypasses, b => b.Item.Kind == BypassKinds.NoWarn);
        Assert.Equal(day1.AddDays(2), gone.GoneAt);
        Assert.Equal(
            [(HistoryKind.BypassOpened, "App"), (HistoryKind.BypassOpened, "App"), (HistoryKind.BypassGone, "App")],
            ledger.History.Select(h => (h.Kind, h.Project!)));
        Assert.Contains("no-warn SSB2001 (unjustified) at App.csproj(5)", ledger.History[2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LedgerWithoutBypasses_KeepsItsFormat_AndSlaReportListsOnlyActiveOnes()
    {
        Assert.DoesNotContain("bypasses", LedgerJson.Serialize(LedgerSnapshot.Empty), StringComparison.Ordinal);
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var item = new BypassItem(BypassKinds.Switch, "SecureBuildAudit", "App.csproj", 4, false, null, "SecureBuildAudit=false");
        var ledger = LedgerSnapshot.Empty with
        {
            Bypasses =
            [
                new LedgerBypass("App", 0, item, now.AddDays(-10), now, null),
                new LedgerBypass("Web", 0, item with { File = "Web.csproj" }, now.AddDays(-30), now.AddDays(-20), now.AddDays(-19)),
            ],
        };
        var text = LedgerJson.Serialize(ledger);
        Assert.Equal(ledger.Bypasses, LedgerJson.Parse(System.Text.Encoding.UTF8.GetBytes(text), "ledger.json").Bypasses);

        var report = SlaReport.Build(ledger, "ledger.json", PatchPolicy.Default, new StoppedClock(now), new SlaReportFilter());

        var active = Assert.Single(report.Bypasses);
        Assert.Equal(("App", 10.0), (active.Project, active.InPlace(now).TotalDays));
    }
}
