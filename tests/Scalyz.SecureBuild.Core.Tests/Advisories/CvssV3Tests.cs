using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

public sealed class CvssV3Tests
{
    // Base scores as NVD publishes them for these vectors (e.g. CVE-2021-24112 9.8, CVE-2024-43485 7.5).
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 4.3)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C", 8.1)] // temporal metrics do not change the base score
    public void BaseScore_PublishedVectors_GiveThePublishedScore(string vector, double score) =>
        Assert.Equal(score, CvssV3.BaseScore(vector));

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("")]
    public void BaseScore_NotACompleteV3Vector_IsNull(string vector) => Assert.Null(CvssV3.BaseScore(vector));

    [Fact]
    public void AdvisoryScore_RealRecords_GitHubGradeFirstThenTheCvssRating()
    {
        var critical = AdvisoryScore.Of(RealRecords.Get("GHSA-rxg9-xrhp-64gj"));
        var noVector = AdvisoryScore.Of(RealRecords.Get("GHSA-5crp-9r3c-p9vr"));
        var withoutGrade = RealRecords.Get("GHSA-rxg9-xrhp-64gj") with { GitHubSeverity = null };

        Assert.Equal((AdvisorySeverity.Critical, 9.8), (critical.Severity, critical.CvssScore));
        Assert.Equal((AdvisorySeverity.Low, (double?)null), (noVector.Severity, noVector.CvssScore));
        Assert.Equal(AdvisorySeverity.Critical, AdvisoryScore.Of(withoutGrade).Severity);
        Assert.Equal(AdvisorySeverity.Unknown, AdvisoryScore.Of(withoutGrade with { Severity = [] }).Severity);
    }

    [Fact]
    public void AdvisoryScore_EveryRealV3Vector_ComputesAScore()
    {
        var vectors = RealRecords.All.SelectMany(r => r.Severity).Where(s => s.Type == "CVSS_V3").ToList();

        Assert.True(vectors.Count > 200);
        Assert.All(vectors, v => Assert.InRange(CvssV3.BaseScore(v.Score) ?? -1, 0.0, 10.0));
    }
}
