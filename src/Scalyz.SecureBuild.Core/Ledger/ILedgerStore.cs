using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Ledger;

/// <summary>
/// Where findings, releases, risk acceptances and their history are kept: a JSON file in the repository
/// (<see cref="JsonFileLedgerStore"/>) or a database shared by an organisation's builds. Every write is atomic and
/// concurrent writers lose nothing.
/// </summary>
public interface ILedgerStore
{
    /// <summary>A human-readable name of the store for messages (a path, or a database without its password).</summary>
    string Description { get; }

    /// <summary>Reads the whole ledger.</summary>
    LedgerSnapshot Read();

    /// <summary>
    /// Records the complete result of one audit of <paramref name="project"/>: new findings are opened, findings seen again
    /// are updated, open findings of the project that were not seen are marked fixed.
    /// </summary>
    /// <returns>The ledger records of <paramref name="findings"/> after the write (with their first-seen times).</returns>
    IReadOnlyList<LedgerFinding> RecordScan(string project, IReadOnlyList<SlaFinding> findings, string actor);

    /// <summary>
    /// Records the complete bypasses of one build of <paramref name="project"/>: new ones are opened, ones seen again are
    /// updated, active ones of the project that were not seen are marked gone.
    /// </summary>
    void RecordBypasses(string project, IReadOnlyList<Bypass.BypassItem> bypasses, string actor);

    /// <summary>Records a release (called by the release gate).</summary>
    void RecordRelease(LedgerRelease release);

    /// <summary>Records a risk acceptance.</summary>
    void AcceptRisk(RiskAcceptance acceptance);
}
