using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Sla;

/// <summary>
/// One build's deadline check: records the audit's findings in the ledger when there is one (so first-seen times,
/// fixes and history are kept), then evaluates every finding against the policy with the ledger's releases and risk
/// acceptances. The MSBuild task and CI steps share it.
/// </summary>
public static class DeadlineCheck
{
    /// <summary>Runs the check.</summary>
    /// <param name="findings">The complete audit result.</param>
    /// <param name="projects">The projects the audit covered (those with no finding get their open findings fixed).</param>
    /// <param name="policy">The patch policy.</param>
    /// <param name="ledger">The ledger, or null for a stateless check (publication clock, no releases or acceptances).</param>
    /// <param name="actor">Who records (the build, a CI job).</param>
    /// <param name="clock">The clock.</param>
    /// <returns>One result per finding, sorted by project, advisory and package.</returns>
    public static IReadOnlyList<DeadlineResult> Run(
        IReadOnlyList<SlaFinding> findings, IEnumerable<string> projects, PatchPolicy policy, ILedgerStore? ledger, string actor, TimeProvider clock)
    {
        var firstSeen = new Dictionary<FindingKey, DateTimeOffset>();
        var snapshot = LedgerSnapshot.Empty;
        if (ledger is not null)
        {
            foreach (var project in findings.Select(f => f.Project).Concat(projects).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                foreach (var recorded in ledger.RecordScan(project, findings.Where(f => f.Project == project).ToList(), actor))
                {
                    firstSeen[recorded.Key] = recorded.FirstSeen;
                }
            }

            snapshot = ledger.Read();
        }

        var evaluator = new DeadlineEvaluator(policy, clock);
        return findings
            .DistinctBy(f => f.Key)
            .OrderBy(f => f.Key)
            .Select(f => evaluator.Evaluate(f, firstSeen.TryGetValue(f.Key, out var seen) ? seen : null, snapshot.Releases, snapshot.Acceptances))
            .ToList();
    }
}
