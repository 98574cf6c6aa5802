using NuGet.Versioning;
using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

/// <summary>OSV range semantics over NuGet version ordering, on the real records.</summary>
public sealed class AdvisoryIndexTests
{
    [Theory]
    [InlineData("System.Drawing.Common", "3.1.0", false)]
    [InlineData("System.Drawing.Common", "4.0.0", true)] // introduced is affected
    [InlineData("System.Drawing.Common", "4.7.0", true)]
    [InlineData("System.Drawing.Common", "4.7.1", true)]
    [InlineData("System.Drawing.Common", "4.7.2", false)] // fixed is not
    [InlineData("System.Drawing.Common", "4.7.3", false)]
    [InlineData("System.Drawing.Common", "5.0.0", true)] // second affected entry
    [InlineData("System.Drawing.Common", "5.0.3", false)]
    [InlineData("system.drawing.COMMON", "4.7.0", true)] // ids ignore case
    [InlineData("System.Drawing.Common", "4.7.0.0", true)] // four-part form of the same version
    public void Match_RxgRecord_FollowsIntroducedAndFixed(string id, string version, bool affected) =>
        Assert.Equal(affected, Matches(id, version, "GHSA-rxg9-xrhp-64gj"));

    [Theory]
    [InlineData("4.1.2", true)] // last_affected is affected
    [InlineData("4.1.1", true)]
    [InlineData("1.0.0", true)] // introduced 0
    [InlineData("4.1.3", false)]
    [InlineData("4.1.2.1", false)]
    public void Match_LastAffectedRange_IncludesTheLastAffectedVersion(string version, bool affected) =>
        Assert.Equal(affected, Matches("IdentityServer4", version, "GHSA-55p7-v223-x366"));

    [Theory]
    [InlineData("106.15.0", false)]
    [InlineData("107.0.0-alpha.1", false)] // alpha sorts before the introduced preview
    [InlineData("107.0.0-preview.1", true)]
    [InlineData("107.0.0-preview.10", true)]
    [InlineData("107.0.0", true)]
    [InlineData("112.0.0-beta.1", true)] // a prerelease of the fixed version is still affected
    [InlineData("112.0.0", false)]
    public void Match_PrereleaseBounds_UseNuGetOrdering(string version, bool affected) =>
        Assert.Equal(affected, Matches("RestSharp", version, "GHSA-4rr6-2v9v-wcpc"));

    [Theory]
    [InlineData("6.0.0-preview.1.21102.12", true)]
    [InlineData("6.0.0", true)]
    [InlineData("6.0.1", false)]
    [InlineData("7.0.0", false)] // between two ranges
    [InlineData("8.0.0", true)]
    [InlineData("8.0.1", false)]
    [InlineData("9.0.0-rc.1.24431.7", true)]
    [InlineData("9.0.0-rc.2.24473.5", false)]
    public void Match_SeveralRanges_AnyRangeAffects(string version, bool affected) =>
        Assert.Equal(affected, Matches("System.IO.Packaging", version, "GHSA-f32c-w444-8ppv"));

    [Theory]
    [InlineData("AjaxNetProfessional", "21.12.22.0", "GHSA-5q7q-qqw2-hjq7", true)]
    [InlineData("AjaxNetProfessional", "21.12.22.1", "GHSA-5q7q-qqw2-hjq7", false)]
    [InlineData("System.Linq.Dynamic.Core", "1.0.7.9", "GHSA-w65q-jcmv-28gj", false)]
    [InlineData("System.Linq.Dynamic.Core", "1.0.7.10", "GHSA-w65q-jcmv-28gj", true)]
    [InlineData("System.Linq.Dynamic.Core", "1.2.25", "GHSA-w65q-jcmv-28gj", true)]
    public void Match_FourPartVersions_CompareByAllFourParts(string id, string version, string advisory, bool affected) =>
        Assert.Equal(affected, Matches(id, version, advisory));

    [Theory]
    [InlineData("GleamTech.FileUltimate", "6.1.5", true)]
    [InlineData("GleamTech.FileUltimate", "6.1.5.0", true)]
    [InlineData("GleamTech.FileUltimate", "6.1.4", false)]
    [InlineData("GleamTech.FileUltimate", "6.1.6", false)]
    public void Match_ExplicitVersionsList_MatchesOnlyThoseVersions(string id, string version, bool affected) =>
        Assert.Equal(affected, Matches(id, version, "GHSA-rrwx-8wm4-qhh4"));

    [Fact]
    public void Match_VersionsListWithPrerelease_MatchesExactlyThatPrerelease()
    {
        Assert.True(Matches("Microsoft.Build.NuGetSdkResolver", "5.9.0-rc.7122", "GHSA-6qmf-mmc7-6c2p"));
        Assert.False(Matches("Microsoft.Build.NuGetSdkResolver", "5.9.0", "GHSA-6qmf-mmc7-6c2p"));
    }

    [Fact]
    public void Match_WithdrawnRecord_NeverMatches()
    {
        // GHSA-8rfx-6mr3-5jh3 (withdrawn) and GHSA-5crp-9r3c-p9vr both cover Newtonsoft.Json below 13.0.1.
        var ids = RealRecords.Index.Match("Newtonsoft.Json", NuGetVersion.Parse("12.0.3")).Select(m => m.Record.Id).ToList();

        Assert.Contains("GHSA-5crp-9r3c-p9vr", ids);
        Assert.DoesNotContain("GHSA-8rfx-6mr3-5jh3", ids);
        Assert.Empty(RealRecords.Index.Match("Newtonsoft.Json", NuGetVersion.Parse("13.0.3")));
        Assert.False(RealRecords.Index.Covers("TGServiceInterface") && Matches("TGServiceInterface", "3.2.1.0", "GHSA-7r36-jf3c-jhp4"));
    }

    [Theory]
    [InlineData("4.7.0", "4.7.2")]
    [InlineData("5.0.1", "5.0.3")]
    public void Match_FixedIn_IsTheLowestFixAboveTheVersion(string version, string fixedIn) =>
        Assert.Equal(fixedIn, RealRecords.Index.Match("System.Drawing.Common", NuGetVersion.Parse(version)).Single(m => m.Record.Id == "GHSA-rxg9-xrhp-64gj").FixedIn);

    [Fact]
    public void Match_NoFixPublished_FixedInIsNull() =>
        Assert.Null(RealRecords.Index.Match("IdentityServer4", NuGetVersion.Parse("4.1.2")).Single(m => m.Record.Id == "GHSA-55p7-v223-x366").FixedIn);

    [Theory]
    [InlineData("1.5.0", true)]
    [InlineData("2.0.0", false)] // at the limit
    [InlineData("3.0.0", false)]
    public void IsAffected_LimitEvent_CutsTheRangeOff(string version, bool affected)
    {
        // An OSV range shape (not an advisory): introduced 1.0.0 with no fix, limited to versions below 2.0.0.
        var entry = new OsvAffected("NuGet", "Any", [new OsvRange("ECOSYSTEM", [new OsvEvent(OsvEventKind.Introduced, "1.0.0"), new OsvEvent(OsvEventKind.Limit, "2.0.0")])], []);

        Assert.Equal(affected, AdvisoryIndex.IsAffected(entry, NuGetVersion.Parse(version)));
    }

    [Fact]
    public void IsAffected_EventsOutOfOrder_AreEvaluatedInVersionOrder()
    {
        var entry = new OsvAffected("NuGet", "Any", [new OsvRange("ECOSYSTEM", [new OsvEvent(OsvEventKind.Fixed, "2.0.0"), new OsvEvent(OsvEventKind.Introduced, "1.0.0")])], []);

        Assert.True(AdvisoryIndex.IsAffected(entry, NuGetVersion.Parse("1.5.0")));
        Assert.False(AdvisoryIndex.IsAffected(entry, NuGetVersion.Parse("2.0.0")));
    }

    [Fact]
    public void Build_SameIdFromTwoSources_KeepsTheNewestCopy()
    {
        var github = RealRecords.Get("GHSA-rxg9-xrhp-64gj");
        var newer = github with { Modified = github.Modified.AddDays(1), Summary = "newer copy" };

        var index = AdvisoryIndex.Build([github, newer]);

        Assert.Equal("newer copy", Assert.Single(index.Match("System.Drawing.Common", NuGetVersion.Parse("4.7.0"))).Record.Summary);
        Assert.Equal(1, index.RecordCount);
    }

    [Fact]
    public void Build_RealRecords_CoverEveryNuGetPackageAndAreDatedByTheNewestModified()
    {
        var index = RealRecords.Index;

        Assert.Equal(237, index.RecordCount);
        Assert.Equal(RealRecords.All.Max(r => r.Modified), index.NewestModified);
        Assert.True(index.PackageCount > 250);
    }

    private static bool Matches(string id, string version, string advisory) =>
        RealRecords.Index.Match(id, NuGetVersion.Parse(version)).Any(m => m.Record.Id == advisory);
}
