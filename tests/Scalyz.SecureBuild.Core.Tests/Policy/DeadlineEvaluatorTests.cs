using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sla;

namespace Scalyz.SecureBuild.Core.Tests.Policy;

public sealed class DeadlineEvaluatorTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstSeen = new(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static SlaFinding Finding(AdvisorySeverity severity, string project = "Contoso.App") =>
        new("GHSA-aaaa-bbbb-cccc", ["CVE-2026-0001"], "Contoso.Json", "1.2.3", project, severity, Published, "1.2.4", "Parser overflow");

    private static DeadlineResult Evaluate(
        AdvisorySeverity severity, DateTimeOffset now, PatchPolicy? policy = null, DateTimeOffset? firstSeen = null,
        IReadOnlyList<LedgerRelease>? releases = null, IReadOnlyList<RiskAcceptance>? acceptances = null) =>
        new DeadlineEvaluator(policy ?? PatchPolicy.Default, new StoppedClock(now))
            .Evaluate(Finding(severity), firstSeen, releases ?? [], acceptances ?? []);

    private static PatchPolicy FirstSeenPolicy => PatchPolicy.Default with { ClockStart = ClockStart.FirstSeen };

    [Fact]
    public void UnknownPublication_Stateless_SaysTheClockStartIsUnknownInsteadOfInventingOne()
    {
        var finding = Finding(AdvisorySeverity.Moderate) with { Published = null };

        var result = new DeadlineEvaluator(PatchPolicy.Default, new StoppedClock(FirstSeen.AddDays(400))).Evaluate(finding, null, [], []);

        Assert.True(result.ClockStartUnknown);
        Assert.Equal(DeadlineStatus.Ok, result.Status);
        Assert.Contains("patch clock start is unknown", result.Message, StringComparison.Ordinal);
        Assert.Contains("SecureBuildLedgerFile", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPublication_WithLedger_CountsFromFirstSeen()
    {
        var finding = Finding(AdvisorySeverity.Moderate) with { Published = null };

        var result = new DeadlineEvaluator(PatchPolicy.Default, new StoppedClock(FirstSeen.AddDays(15))).Evaluate(finding, FirstSeen, [], []);

        Assert.False(result.ClockStartUnknown);
        Assert.Equal((FirstSeen, FirstSeen.AddDays(14), DeadlineStatus.Breached), (result.ClockStart, result.Due, result.Status));
    }

    [Fact]
    public void FromAudit_AdvisoryOnlyANuGetFeedLists_HasNoPublicationDate()
    {
        var feedOnly = new AuditFinding("GHSA-aaaa-bbbb-cccc", [], "Contoso.Json", "1.2.3", AdvisorySeverity.High, null, null, "listed by a feed", null,
            null, DateTimeOffset.MinValue, "/src/App.csproj", ["net10.0"], true, ["Contoso.Json 1.2.3"]);
        var osvWithoutPublished = feedOnly with { Modified = Published };

        Assert.Null(SlaFinding.FromAudit(feedOnly, "App").Published);
        Assert.Equal(Published, SlaFinding.FromAudit(osvWithoutPublished, "App").Published);
    }

    [Fact]
    public void Critical_AtPublication_IsDueNowButNotYetBreached()
    {
        var result = Evaluate(AdvisorySeverity.Critical, Published);

        Assert.Equal(PolicyClass.Critical, result.Class);
        Assert.Equal(Published, result.Due);
        Assert.Equal(DeadlineStatus.DueSoon, result.Status);
    }

    [Fact]
    public void Critical_JustBeforePublicationDeadline_IsDueSoon() =>
        Assert.Equal(DeadlineStatus.DueSoon, Evaluate(AdvisorySeverity.Critical, Published - Second).Status);

    [Fact]
    public void Critical_OneSecondAfterPublication_IsBreached()
    {
        var result = Evaluate(AdvisorySeverity.Critical, Published + Second);

        Assert.Equal(DeadlineStatus.Breached, result.Status);
        Assert.Equal(0, result.DaysOverdue);
        Assert.Contains("was due by 2026-11-01 and is less than a day overdue", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Critical_WithFirstSeenClock_CountsFromFirstSeen()
    {
        Assert.Equal(DeadlineStatus.DueSoon, Evaluate(AdvisorySeverity.Critical, FirstSeen, FirstSeenPolicy, FirstSeen).Status);
        Assert.Equal(DeadlineStatus.Breached, Evaluate(AdvisorySeverity.Critical, FirstSeen + Second, FirstSeenPolicy, FirstSeen).Status);
    }

    [Theory]
    [InlineData(AdvisorySeverity.Moderate)]
    [InlineData(AdvisorySeverity.Low)]
    public void Minor_AroundFourteenDays_OkThenDueSoonThenBreached(AdvisorySeverity severity)
    {
        var due = Published.AddDays(14);

        Assert.Equal(DeadlineStatus.Ok, Evaluate(severity, Published.AddDays(10) - Second).Status);
        Assert.Equal(DeadlineStatus.DueSoon, Evaluate(severity, due - Second).Status);
        Assert.Equal(DeadlineStatus.DueSoon, Evaluate(severity, due).Status);
        var after = Evaluate(severity, due + Second);
        Assert.Equal(DeadlineStatus.Breached, after.Status);
        Assert.Equal(PolicyClass.Minor, after.Class);
    }

    [Fact]
    public void Minor_TenDaysAfterPublication_WarnsWithDaysLeft()
    {
        var result = Evaluate(AdvisorySeverity.Moderate, Published.AddDays(11));

        Assert.Equal(DeadlineStatus.DueSoon, result.Status);
        Assert.Equal(3, result.DaysLeft);
        Assert.Equal("GHSA-aaaa-bbbb-cccc in Contoso.Json 1.2.3 (MODERATE) is due by 2026-11-15, due in 3 days; upgrade to 1.2.4 or later", result.Message);
    }

    [Fact]
    public void Minor_FifteenDaysAfterPublication_IsOneDayOverdue()
    {
        var result = Evaluate(AdvisorySeverity.Low, Published.AddDays(15));

        Assert.Equal(DeadlineStatus.Breached, result.Status);
        Assert.Equal(1, result.DaysOverdue);
        Assert.Equal("GHSA-aaaa-bbbb-cccc in Contoso.Json 1.2.3 (LOW) was due by 2026-11-15 and is 1 day overdue; upgrade to 1.2.4 or later", result.Message);
    }

    [Fact]
    public void Minor_WithFirstSeenClock_CountsFourteenDaysFromFirstSeen()
    {
        var due = FirstSeen.AddDays(14);

        Assert.Equal(DeadlineStatus.DueSoon, Evaluate(AdvisorySeverity.Low, due, FirstSeenPolicy, FirstSeen).Status);
        Assert.Equal(DeadlineStatus.Breached, Evaluate(AdvisorySeverity.Low, due + Second, FirstSeenPolicy, FirstSeen).Status);
        Assert.Equal(DeadlineStatus.Ok, Evaluate(AdvisorySeverity.Low, due.AddDays(-3) - Second, FirstSeenPolicy, FirstSeen).Status);
    }

    [Fact]
    public void FirstSeenClock_FindingNotYetInTheLedger_StartsNow()
    {
        var now = Published.AddDays(100);

        var result = Evaluate(AdvisorySeverity.Low, now, FirstSeenPolicy, firstSeen: null);

        Assert.Equal(now, result.ClockStart);
        Assert.Equal(DeadlineStatus.Ok, result.Status);
    }

    [Fact]
    public void Important_NoReleaseYet_FallsBackToThirtyDays()
    {
        var due = Published.AddDays(30);

        Assert.Equal(DeadlineStatus.DueSoon, Evaluate(AdvisorySeverity.High, due).Status);
        Assert.Equal(DeadlineStatus.Ok, Evaluate(AdvisorySeverity.High, due.AddDays(-3) - Second).Status);
        var breached = Evaluate(AdvisorySeverity.High, due + Second);
        Assert.Equal(DeadlineStatus.Breached, breached.Status);
        Assert.Null(breached.DueRelease);
    }

    [Fact]
    public void Important_ReleaseAfterClockStart_IsDueByThatRelease()
    {
        LedgerRelease[] releases =
        [
            new("4.1", Published.AddDays(-2), null, "gate"),
            new("4.2", Published.AddDays(5), null, "gate"),
            new("4.3", Published.AddDays(9), null, "gate"),
        ];
        var release = Published.AddDays(5);

        Assert.Equal(DeadlineStatus.DueSoon, Evaluate(AdvisorySeverity.High, release, releases: releases).Status);
        var result = Evaluate(AdvisorySeverity.High, release.AddDays(3), releases: releases);

        Assert.Equal(DeadlineStatus.Breached, result.Status);
        Assert.Equal("4.2", result.DueRelease);
        Assert.Equal("GHSA-aaaa-bbbb-cccc in Contoso.Json 1.2.3 (HIGH) was due by release 4.2 / 2026-11-06 and is 3 days overdue; upgrade to 1.2.4 or later", result.Message);
    }

    [Fact]
    public void Important_ReleaseOfAnotherProject_DoesNotCount()
    {
        LedgerRelease[] releases = [new("9.0", Published.AddDays(5), "Other.Service", "gate")];

        var result = Evaluate(AdvisorySeverity.High, Published.AddDays(6), releases: releases);

        Assert.Equal(DeadlineStatus.Ok, result.Status);
        Assert.Equal(Published.AddDays(30), result.Due);
    }

    [Fact]
    public void Important_ReleaseLaterThanFallback_FallbackWins()
    {
        LedgerRelease[] releases = [new("5.0", Published.AddDays(45), "Contoso.App", "gate")];

        var result = Evaluate(AdvisorySeverity.High, Published.AddDays(31), releases: releases);

        Assert.Equal(DeadlineStatus.Breached, result.Status);
        Assert.Null(result.DueRelease);
    }

    [Fact]
    public void Important_WithFirstSeenClock_ReleaseBeforeFirstSeenIsIgnored()
    {
        LedgerRelease[] releases = [new("4.2", FirstSeen.AddDays(-1), null, "gate"), new("4.3", FirstSeen.AddDays(4), null, "gate")];

        var before = Evaluate(AdvisorySeverity.High, FirstSeen.AddDays(4) - Second, FirstSeenPolicy, FirstSeen, releases);
        var after = Evaluate(AdvisorySeverity.High, FirstSeen.AddDays(4) + Second, FirstSeenPolicy, FirstSeen, releases);

        Assert.Equal(DeadlineStatus.DueSoon, before.Status);
        Assert.Equal(DeadlineStatus.Breached, after.Status);
        Assert.Equal("4.3", after.DueRelease);
    }

    [Fact]
    public void Important_OnlyNextRelease_StaysOkWithoutARelease()
    {
        var policy = PatchPolicy.Default with
        {
            Deadlines = new Dictionary<PolicyClass, ClassDeadline>(PatchPolicy.Default.Deadlines) { [PolicyClass.Important] = new(null, NextRelease: true) },
        };

        var result = Evaluate(AdvisorySeverity.High, Published.AddDays(400), policy);

        Assert.Equal(DeadlineStatus.Ok, result.Status);
        Assert.True(result.AwaitsRelease);
        Assert.Equal("GHSA-aaaa-bbbb-cccc in Contoso.Json 1.2.3 (HIGH) is due by the next release", result.Message);
    }

    [Fact]
    public void Unknown_ByDefault_IsTreatedLikeHigh() =>
        Assert.Equal(PolicyClass.Important, Evaluate(AdvisorySeverity.Unknown, Published).Class);

    [Fact]
    public void Acceptance_BeforeExpiry_SuppressesTheBreach()
    {
        RiskAcceptance[] accepted = [new("ghsa-aaaa-bbbb-cccc", "Contoso.App", null, "alice", "No exploit path", Published.AddDays(20), Published.AddDays(1))];

        var result = Evaluate(AdvisorySeverity.Critical, Published.AddDays(20) - Second, acceptances: accepted);

        Assert.Equal(DeadlineStatus.Accepted, result.Status);
        Assert.Contains("risk accepted by alice until 2026-11-21: No exploit path", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acceptance_AtAndAfterExpiry_IsABreachAgain()
    {
        RiskAcceptance[] accepted = [new("GHSA-aaaa-bbbb-cccc", null, "Contoso.Json", "alice", "No exploit path", Published.AddDays(20), Published.AddDays(1))];

        Assert.Equal(DeadlineStatus.Breached, Evaluate(AdvisorySeverity.Critical, Published.AddDays(20), acceptances: accepted).Status);
        Assert.Equal(DeadlineStatus.Breached, Evaluate(AdvisorySeverity.Critical, Published.AddDays(21), acceptances: accepted).Status);
    }

    [Fact]
    public void Acceptance_ForAnotherProjectOrPackage_DoesNotSuppress()
    {
        RiskAcceptance[] accepted =
        [
            new("GHSA-aaaa-bbbb-cccc", "Other.App", null, "alice", "n/a", Published.AddDays(90), Published),
            new("GHSA-aaaa-bbbb-cccc", null, "Other.Package", "alice", "n/a", Published.AddDays(90), Published),
        ];

        Assert.Equal(DeadlineStatus.Breached, Evaluate(AdvisorySeverity.Critical, Published.AddDays(2), acceptances: accepted).Status);
    }

    [Fact]
    public void Ledger_FixedFinding_ReportsFixedWithTimeToRemediate()
    {
        var finding = Finding(AdvisorySeverity.Low);
        var ledger = new LedgerSnapshot(
            [new LedgerFinding(finding, FirstSeen, FirstSeen.AddDays(2), FirstSeen.AddDays(3))],
            [], [], []);

        var result = Assert.Single(new DeadlineEvaluator(PatchPolicy.Default, new StoppedClock(Published.AddDays(60))).Evaluate(ledger));

        Assert.Equal(DeadlineStatus.Fixed, result.Status);
        Assert.Equal(FirstSeen.AddDays(3) - Published, result.TimeToRemediate);
    }
}
