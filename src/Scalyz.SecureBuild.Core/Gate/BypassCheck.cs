using Scalyz.SecureBuild.Core.Bypass;

namespace Scalyz.SecureBuild.Core.Gate;

/// <summary>A bypass the gated build carries, with what makes it acceptable, if anything.</summary>
/// <param name="Project">The project it is in.</param>
/// <param name="Item">The bypass as the build collected it.</param>
/// <param name="AllowedBy">The gate policy's reason when the policy allows it by name, else null.</param>
public sealed record GateBypass(string Project, BypassItem Item, string? AllowedBy)
{
    /// <summary>True when the bypass carries an accepted reason or the gate policy allows it.</summary>
    public bool IsAccepted => Item.Justified || AllowedBy is not null;

    /// <summary>The reason shown in the evidence: the gate policy's, else the one written with the bypass.</summary>
    public string? Reason => AllowedBy is not null ? $"allowed by the gate policy: {AllowedBy}" : Item.Reason;
}

/// <summary>
/// The gate's bypass check: every bypass in the evidence of the gated build's projects must carry an accepted reason
/// or be allowed by the gate policy by name; any other is an SSB3120 reason naming the rule, the file and the line.
/// </summary>
public static class BypassCheck
{
    /// <summary>Judges the bypasses of <paramref name="evidence"/> under <paramref name="policy"/>.</summary>
    public static (IReadOnlyList<GateBypass> Bypasses, IReadOnlyList<GateReason> Reasons) Check(IReadOnlyList<BypassEvidence> evidence, GatePolicy policy)
    {
        var bypasses = evidence
            .SelectMany(e => e.Items.Select(i => new GateBypass(e.Project, i, policy.AllowedBypasses.FirstOrDefault(a => a.Allows(e.Project, i))?.Reason)))
            .ToList();
        var reasons = bypasses.Where(b => !b.IsAccepted)
            .Select(b => new GateReason(DiagnosticCodes.GateBypassUnjustified,
                $"{b.Project}: {Subject(b.Item)} at {b.Item.Location} has no accepted reason ({b.Item.Detail}): {b.Item.Remedy}.", b.Project))
            .ToList();
        return (bypasses, reasons);
    }

    /// <summary>
    /// The bypass evidence the build of <paramref name="projectFile"/> wrote (obj/securebuild/bypasses.json), or an SSB3121
    /// reason when there is none or it cannot be read: a build without evidence may carry any bypass, so it fails closed.
    /// </summary>
    public static (BypassEvidence? Evidence, GateReason? Missing) LoadEvidence(string projectFile)
    {
        var path = BypassEvidenceFile.DefaultPathOf(projectFile);
        var name = Path.GetFileNameWithoutExtension(projectFile);
        try
        {
            return (BypassEvidenceFile.Read(path), null);
        }
        catch (IO.InputFileException e)
        {
            return (null, new GateReason(DiagnosticCodes.GateBypassEvidenceMissing,
                $"{name} has no readable bypass evidence, so its suppressed rules and switches cannot be checked: build it with Scalyz.SecureBuild (which writes {path}). {e.Message}", name));
        }
    }

    /// <summary>"SSB2001 suppressed by pragma", "switch SecureBuildAudit": what the bypass weakens, first.</summary>
    public static string Subject(BypassItem item) => item.Kind switch
    {
        BypassKinds.Switch => $"the switch {item.Target}",
        BypassKinds.AuditSuppression => $"the suppression of advisory {item.Target}",
        _ => $"{(item.Target == "SSB*" ? "every SSB rule" : item.Target)} suppressed by {item.Kind}",
    };
}
