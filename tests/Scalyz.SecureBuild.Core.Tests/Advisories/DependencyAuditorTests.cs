using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

public sealed class DependencyAuditorTests
{
    private const string Project = "/src/App/App.csproj";

    [Fact]
    public void Audit_TransitivePackage_IsFoundWithThePathFromTheDirectReference()
    {
        var graph = Graph(
            Package("Microsoft.Windows.Compatibility", "3.1.0", direct: true, deps: ["System.Drawing.Common"]),
            Package("System.Drawing.Common", "4.7.0", direct: false));

        var finding = Assert.Single(DependencyAuditor.Audit(Project, DependencyAuditor.PackagesOf(graph, AuditMode.All), RealRecords.Index));

        Assert.Equal(("GHSA-rxg9-xrhp-64gj", AdvisorySeverity.Critical, 9.8, "4.7.2", false), (finding.AdvisoryId, finding.Severity, finding.CvssScore, finding.FixedIn, finding.IsDirect));
        Assert.Equal(["Microsoft.Windows.Compatibility 3.1.0", "System.Drawing.Common 4.7.0"], finding.Path);
        Assert.Equal(["net10.0"], finding.Frameworks);
        Assert.Equal(["CVE-2021-24112"], finding.Aliases);
        Assert.Contains("It comes in transitively: Microsoft.Windows.Compatibility 3.1.0 -> System.Drawing.Common 4.7.0.", AuditReport.Message(finding), StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_DirectMode_SkipsTransitivePackages()
    {
        var graph = Graph(
            Package("Microsoft.Windows.Compatibility", "3.1.0", direct: true, deps: ["System.Drawing.Common"]),
            Package("System.Drawing.Common", "4.7.0", direct: false));

        Assert.Empty(DependencyAuditor.Audit(Project, DependencyAuditor.PackagesOf(graph, AuditMode.Direct), RealRecords.Index));
    }

    [Fact]
    public void Audit_DirectPackage_MessageReadsLikeNuGetAudit()
    {
        var graph = Graph(Package("System.Drawing.Common", "4.7.0", direct: true));

        var finding = Assert.Single(DependencyAuditor.Audit(Project, DependencyAuditor.PackagesOf(graph, AuditMode.All), RealRecords.Index));

        Assert.Equal("SSB4004", AuditReport.Code(finding.Severity));
        Assert.Equal(
            "Package 'System.Drawing.Common' 4.7.0 has a critical advisory GHSA-rxg9-xrhp-64gj/CVE-2021-24112 (CVSS 9.8): .NET Core Remote Code Execution Vulnerability. Fixed in 4.7.2. https://github.com/advisories/GHSA-rxg9-xrhp-64gj",
            AuditReport.Message(finding));
    }

    [Fact]
    public void Audit_SameVulnerabilityUnderACveIdFromAnotherSource_IsOneFindingWithMergedAliases()
    {
        // The same advisory as a CVE-keyed database would carry it: its id is the CVE, the GHSA id is an alias.
        var github = RealRecords.Get("GHSA-rxg9-xrhp-64gj");
        var cveKeyed = github with { Id = "CVE-2021-24112", Aliases = ["GHSA-rxg9-xrhp-64gj"], GitHubSeverity = null };
        var index = AdvisoryIndex.Build([github, cveKeyed]);

        var finding = Assert.Single(DependencyAuditor.Audit(Project, [new AuditedPackage("System.Drawing.Common", "4.7.0", true, ["System.Drawing.Common 4.7.0"], [])], index));

        Assert.Equal("GHSA-rxg9-xrhp-64gj", finding.AdvisoryId);
        Assert.Equal(["CVE-2021-24112"], finding.Aliases);
    }

    [Fact]
    public void Audit_ThousandPackagesMostlyUnaffected_FindsExactlyTheAffectedOnes()
    {
        var packages = Enumerable.Range(0, 998).Select(i => new AuditedPackage($"Contoso.Package{i}", "1.0.0", true, [], []))
            .Append(new AuditedPackage("System.Drawing.Common", "4.7.0", false, [], []))
            .Append(new AuditedPackage("RestSharp", "112.0.0", false, [], []))
            .ToList();

        var findings = DependencyAuditor.Audit(Project, packages, RealRecords.Index);

        Assert.Equal(["System.Drawing.Common"], findings.Select(f => f.PackageId).Distinct());
    }

    [Fact]
    public void Suppressions_ByAliasWithJustification_SuppressUntilTheyExpire()
    {
        var today = new DateOnly(2026, 11, 21);
        var graph = Graph(Package("System.Drawing.Common", "4.7.0", direct: true));
        var findings = DependencyAuditor.Audit(Project, DependencyAuditor.PackagesOf(graph, AuditMode.All), RealRecords.Index);

        var live = AuditSuppressions.Apply(findings, [AuditSuppressions.Create("cve-2021-24112", "only trusted images", "2026-11-21", today, Project)]);
        var expired = AuditSuppressions.Apply(findings, [AuditSuppressions.Create("GHSA-rxg9-xrhp-64gj", "accepted for 2024", "2026-11-20", today, Project)]);

        Assert.True(Assert.Single(live).IsSuppressed);
        Assert.False(Assert.Single(expired).IsSuppressed);
        Assert.True(expired[0].Suppression!.IsExpired);
    }

    [Theory]
    [InlineData("", null, "has no Justification")]
    [InlineData("because", "31/12/2026", "not a date in the form yyyy-MM-dd")]
    public void Suppressions_WithoutJustificationOrWithABadDate_AreSsb0205(string justification, string? until, string problem)
    {
        var error = Assert.Throws<InputFileException>(() => AuditSuppressions.Create("GHSA-rxg9-xrhp-64gj", justification, until, new DateOnly(2026, 1, 1), Project));

        Assert.Equal((DiagnosticCodes.AuditConfigurationInvalid, Project), (error.Code, error.FilePath));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageReferenceLines_CentralPackageManagement_PointsAtThePackageVersionLine()
    {
        var folder = Directory.CreateTempSubdirectory("ssb-lines-").FullName;
        var project = Path.Combine(folder, "App.csproj");
        var central = Path.Combine(folder, "Directory.Packages.props");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"System.Drawing.Common\" />\n    <PackageReference Include=\"RestSharp\" VersionOverride=\"110.0.0\" />\n  </ItemGroup>\n</Project>\n");
        File.WriteAllText(central, "<Project>\n  <ItemGroup>\n    <PackageVersion Include=\"RestSharp\" Version=\"111.0.0\" />\n    <PackageVersion Include=\"System.Drawing.Common\" Version=\"4.7.0\" />\n  </ItemGroup>\n</Project>\n");

        var lines = new PackageReferenceLines(project, central);

        Assert.Equal((central, 4), lines.Locate("system.drawing.common"));
        Assert.Equal((project, 4), lines.Locate("RestSharp"));
        Assert.Equal((project, 0), lines.Locate("Not.Referenced"));
    }

    private static DependencyGraph Graph(params ResolvedDependency[] dependencies) =>
        new(new ProjectInfo("App", Project, null), [new TargetGraph("net10.0", null, dependencies)], []);

    private static ResolvedDependency Package(string id, string version, bool direct, string[]? deps = null) =>
        new(id, version, DependencyKind.Package, direct, direct ? $"[{version}, )" : null, false, false, null, null, (deps ?? []).Select(d => new DependencyEdge(d, "4.7.0")).ToList());
}
