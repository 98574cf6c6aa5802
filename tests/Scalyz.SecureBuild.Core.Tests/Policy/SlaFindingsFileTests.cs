using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Tests.Policy;

public sealed class SlaFindingsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-findings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AuditFinding Audit(string id, DateTimeOffset? published) => new(
        id, ["CVE-2021-24112"], "System.Drawing.Common", "4.7.0", AdvisorySeverity.Critical, 9.8, null,
        ".NET Core Remote Code Execution Vulnerability", "4.7.2", published, new DateTimeOffset(2023, 1, 5, 0, 0, 0, TimeSpan.Zero),
        "/src/Contoso.Orders/Contoso.Orders.csproj", ["net10.0"], true, ["System.Drawing.Common 4.7.0"]);

    [Fact]
    public void FromAudit_MapsTheFindingUnderTheProjectName()
    {
        var published = new DateTimeOffset(2022, 5, 24, 17, 0, 0, TimeSpan.Zero);

        var finding = SlaFinding.FromAudit(Audit("GHSA-rxg9-xrhp-64gj", published), "Contoso.Orders");

        Assert.Equal(
            new SlaFinding("GHSA-rxg9-xrhp-64gj", ["CVE-2021-24112"], "System.Drawing.Common", "4.7.0", "Contoso.Orders", AdvisorySeverity.Critical, published, "4.7.2", ".NET Core Remote Code Execution Vulnerability"),
            finding,
            new FindingComparer());
    }

    [Fact]
    public void FromAudit_NoPublicationDate_StartsTheClockAtTheLastModification()
    {
        var finding = SlaFinding.FromAudit(Audit("GHSA-x", null), "P");

        Assert.Equal(new DateTimeOffset(2023, 1, 5, 0, 0, 0, TimeSpan.Zero), finding.Published);
    }

    [Fact]
    public void Serialize_ThenRead_GivesTheSameFindingsSorted()
    {
        var published = new DateTimeOffset(2022, 5, 24, 17, 0, 0, TimeSpan.Zero);
        var findings = new[] { SlaFinding.FromAudit(Audit("GHSA-zzzz", published), "B"), SlaFinding.FromAudit(Audit("GHSA-aaaa", published), "A") };
        var path = Path.Combine(_folder, "findings.json");

        AtomicFile.WriteAllBytes(path, SlaFindingsFile.Serialize(findings));
        var read = SlaFindingsFile.Read(path);

        Assert.Equal(["A", "B"], read.Select(f => f.Project));
        Assert.Equal(findings.OrderBy(f => f.Project), read, new FindingComparer());
    }

    [Fact]
    public void Read_BrokenFile_NamesTheFileAndLine()
    {
        var path = Path.Combine(_folder, "findings.json");
        File.WriteAllText(path, "{\n  \"findings\": [ { \"advisory\": 3 } ]\n}");

        var e = Assert.Throws<InputFileException>(() => SlaFindingsFile.Read(path));

        Assert.Equal(("SSB0306", path), (e.Code, e.FilePath));
        Assert.Equal(2, e.Line);
    }

    // Records compare lists by reference; findings are equal when their fields and alias lists are.
    private sealed class FindingComparer : IEqualityComparer<SlaFinding>
    {
        public bool Equals(SlaFinding? x, SlaFinding? y) =>
            x is not null && y is not null && x.Aliases.SequenceEqual(y.Aliases) && x with { Aliases = [] } == y with { Aliases = [] };

        public int GetHashCode(SlaFinding obj) => obj.Key.GetHashCode();
    }
}
