using System.Globalization;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.Bypass;
using Scalyz.SecureBuild.Core.Dependencies;
using Scalyz.SecureBuild.Core.Ledger;
using Scalyz.SecureBuild.Core.Policy;
using Scalyz.SecureBuild.Core.Sbom;
using Scalyz.SecureBuild.Core.Sla;

namespace Scalyz.SecureBuild.Core.Gate;

/// <summary>One reason a release fails the gate, phrased so a release manager can act on it.</summary>
/// <param name="Code">The SSB31xx code (src/docs/rules/CODE.md).</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Component">The component concerned, or null for the whole SBOM.</param>
public sealed record GateReason(string Code, string Message, string? Component = null);

/// <summary>The gate's verdict with its evidence.</summary>
/// <param name="Release">The release version gated.</param>
/// <param name="Project">The project (ledger name) released.</param>
/// <param name="Sbom">The SBOM gated.</param>
/// <param name="At">The gate's clock.</param>
/// <param name="Reasons">Why the release fails; empty when it passes.</param>
/// <param name="Findings">Every advisory finding published at or before <paramref name="At"/>, with its deadline status.</param>
/// <param name="Data">The advisory data used.</param>
public sealed record GateResult(
    string Release,
    string Project,
    ShippedSbom Sbom,
    DateTimeOffset At,
    IReadOnlyList<GateReason> Reasons,
    IReadOnlyList<DeadlineResult> Findings,
    IReadOnlyList<AdvisoryDataInfo> Data)
{
    /// <summary>True when nothing stops the release.</summary>
    public bool Passed => Reasons.Count == 0;

    /// <summary>The bypasses the gated build carries (with --build), accepted or not.</summary>
    public IReadOnlyList<GateBypass> Bypasses { get; init; } = [];

    /// <summary>The findings shipped under an active risk acceptance, with its expiry.</summary>
    public IReadOnlyList<DeadlineResult> AcceptedRisks => Findings.Where(f => f.Status == DeadlineStatus.Accepted).ToList();
}

/// <summary>
/// The release gate: checks a shipped SBOM (NTIA minimum elements, purls and hashes, licenses, banned packages),
/// re-audits its NuGet packages with the advisory data given, counting every advisory published at or before the gate's
/// clock (so one published after the build counts), and fails on a CRITICAL finding or a breached patch deadline unless
/// an active risk acceptance covers it.
/// </summary>
public static class ReleaseGate
{
    private static readonly Dictionary<string, int> HexLengths = new(StringComparer.Ordinal)
    {
        ["SHA256"] = 64, ["SHA384"] = 96, ["SHA512"] = 128, ["SHA3256"] = 64, ["SHA3384"] = 96, ["SHA3512"] = 128,
        ["BLAKE2B256"] = 64, ["BLAKE2B384"] = 96, ["BLAKE2B512"] = 128, ["BLAKE3"] = 64,
    };

    /// <summary>Runs every check.</summary>
    /// <param name="sbom">The shipped SBOM.</param>
    /// <param name="release">The release version.</param>
    /// <param name="project">The project name the ledger files findings and releases under.</param>
    /// <param name="policy">The gate policy.</param>
    /// <param name="patchPolicy">The patch deadlines.</param>
    /// <param name="advisories">The advisory data, loaded at the gate's clock.</param>
    /// <param name="ledger">The ledger's releases, acceptances and first-seen times.</param>
    /// <param name="clock">The gate's clock.</param>
    /// <param name="build">The restored projects the SBOM should describe, or null to skip that check.</param>
    /// <param name="bypasses">The bypass evidence of the built projects, or null to skip that check.</param>
    public static GateResult Evaluate(
        ShippedSbom sbom, string release, string project, GatePolicy policy, PatchPolicy patchPolicy, AdvisoryLoadResult advisories, LedgerSnapshot ledger, TimeProvider clock,
        IReadOnlyList<DependencyGraph>? build = null, IReadOnlyList<BypassEvidence>? bypasses = null)
    {
        var now = clock.GetUtcNow();
        var reasons = new List<GateReason>();
        CheckDocument(sbom, reasons);
        if (build is not null)
        {
            reasons.AddRange(BuildMatch.Check(sbom, build));
        }

        foreach (var component in sbom.Components)
        {
            CheckComponent(component, policy, reasons);
        }

        CheckAdvisoryData(advisories, policy, now, reasons);

        var packages = AuditInput.FromPackages(project, sbom.NuGetPackages()).Packages;
        var evaluator = new DeadlineEvaluator(patchPolicy, clock);
        var firstSeen = ledger.Findings.ToDictionary(f => f.Key, f => f.FirstSeen);
        var findings = DependencyAuditor.Audit(project, packages, advisories.Index)
            .Where(f => (f.Published ?? f.Modified) <= now)
            .Select(f => SlaFinding.FromAudit(f, project))
            .DistinctBy(f => f.Key)
            .OrderBy(f => f.Key)
            .Select(f => evaluator.Evaluate(f, firstSeen.TryGetValue(f.Key, out var seen) ? seen : null, ledger.Releases, ledger.Acceptances))
            .ToList();
        foreach (var result in findings.Where(r => r.Status != DeadlineStatus.Accepted))
        {
            var f = result.Finding;
            var fix = f.FixedIn is null ? "no fixed version is published: remove the package or accept the risk (securebuild sla accept)" : $"upgrade to {f.FixedIn} or later";
            var name = $"{f.PackageId} {f.PackageVersion}";
            if (f.Severity == AdvisorySeverity.Critical)
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateCriticalAdvisory,
                    $"{name} has the CRITICAL advisory {f.AdvisoryId} (published {(f.Published is { } published ? Date(published) : "on an unknown date")}): {fix}.", name));
            }

            if (result.Status == DeadlineStatus.Breached)
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateDeadlineBreached, $"Patch deadline breached: {result.Message}.", name));
            }
        }

        var (gateBypasses, bypassReasons) = BypassCheck.Check(bypasses ?? [], policy);
        reasons.AddRange(bypassReasons);
        return new GateResult(release, project, sbom, now, reasons, findings, advisories.Data) { Bypasses = gateBypasses };
    }

    private static void CheckDocument(ShippedSbom sbom, List<GateReason> reasons)
    {
        if (sbom.Authors.Count == 0)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateNtiaElementMissing,
                "The SBOM does not name the author of its data (CycloneDX metadata.authors or manufacturer, SPDX creationInfo.creators Person:/Organization:): regenerate it with a tool that records who made it."));
        }

        if (sbom.Timestamp is null)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateNtiaElementMissing,
                "The SBOM has no valid timestamp (CycloneDX metadata.timestamp, SPDX creationInfo.created): regenerate it."));
        }

        if (sbom.Components.Count == 0)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateNtiaElementMissing, "The SBOM lists no component that ships: gate the SBOM of the build you release."));
        }
    }

    private static void CheckComponent(ShippedComponent c, GatePolicy policy, List<GateReason> reasons)
    {
        var name = c.DisplayName;
        var missing = new List<string>();
        if (c.Name is null)
        {
            missing.Add("name");
        }

        if (c.Version is null)
        {
            missing.Add("version");
        }

        if (c.Supplier is null && !c.IsFirstParty)
        {
            missing.Add("supplier");
        }

        if (!c.HasRelationships)
        {
            missing.Add("dependency relationships");
        }

        if (missing.Count > 0)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateNtiaElementMissing, $"{name} has no {string.Join(", ", missing)} (NTIA minimum elements).", name));
        }

        // A project built with the release is identified by its bom-ref; only packages from a registry need a purl.
        if (c.Purl is null && !c.IsFirstParty)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateComponentUnidentified, $"{name} has no package URL (purl), so it cannot be identified or audited.", name));
        }

        if (policy.RequireHashes && !c.IsFirstParty)
        {
            if (c.Hashes.Count == 0)
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateComponentUnidentified, $"{name} has no hash, so what ships cannot be verified.", name));
            }

            foreach (var hash in c.Hashes.Where(h => !IsWellFormed(h)))
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateComponentUnidentified,
                    $"{name} has a bad {(hash.Algorithm.Length == 0 ? "(unnamed)" : hash.Algorithm)} hash \"{Shorten(hash.Value)}\": {Problem(hash)}.", name));
            }
        }

        if (c.License is { } license)
        {
            try
            {
                if (!SpdxLicenseExpression.IsAcceptable(license, policy.IsLicenseAcceptable))
                {
                    reasons.Add(new GateReason(DiagnosticCodes.GateLicenseDenied, $"{name} is licensed \"{license}\", which the gate policy does not allow.", name));
                }
            }
            catch (FormatException e)
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateLicenseDenied, $"{name} has the license \"{license}\", which cannot be checked: {e.Message}.", name));
            }
        }
        else if (policy.AllowedLicenses.Count > 0)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateLicenseDenied, $"{name} states no SPDX license, and the gate policy only allows {string.Join(", ", policy.AllowedLicenses)}.", name));
        }

        var package = c.Purl is null ? null : NuGetPurl.Parse(c.Purl);
        var id = package?.Id ?? c.Name;
        if (id is not null && policy.BannedPackages.FirstOrDefault(b => b.Matches(id, package?.Version ?? c.Version)) is { } banned)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GatePackageBanned, $"{name} is banned{(banned.Versions is null ? string.Empty : $" in versions {banned.Versions.OriginalString}")}: {banned.Reason}.", name));
        }
    }

    private static void CheckAdvisoryData(AdvisoryLoadResult advisories, GatePolicy policy, DateTimeOffset now, List<GateReason> reasons)
    {
        foreach (var data in advisories.Data)
        {
            if (data.Date is not { } date)
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateAdvisoryDataUnusable, $"The '{data.Source}' advisory data has no date, so its age cannot be checked."));
            }
            else if (now - date > policy.MaxAdvisoryAge)
            {
                reasons.Add(new GateReason(DiagnosticCodes.GateAdvisoryDataUnusable,
                    $"The '{data.Source}' advisory data is dated {Date(date)}, {(int)(now - date).TotalDays} days before the gate, more than the allowed {(int)policy.MaxAdvisoryAge.TotalDays}: run 'securebuild db update' (or 'securebuild db import' of osv.dev's NuGet all.zip) or add the osv-api source."));
            }
        }

        if (advisories.Data.Count == 0)
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateAdvisoryDataUnusable, "No advisory data could be loaded, so the packages cannot be re-audited."));
        }

        foreach (var notice in advisories.Notices.Where(n => n.IsError && n.Code != DiagnosticCodes.AdvisoryDataStale))
        {
            reasons.Add(new GateReason(DiagnosticCodes.GateAdvisoryDataUnusable, $"{notice.Code}: {notice.Message}"));
        }
    }

    private static bool IsWellFormed(ComponentHash hash) => Problem(hash) is null;

    private static string? Problem(ComponentHash hash)
    {
        var algorithm = hash.Algorithm.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (!HexLengths.TryGetValue(algorithm, out var length))
        {
            return algorithm is "MD5" or "SHA1" ? "MD5 and SHA-1 are broken; use SHA-256 or stronger" : "not a known strong hash algorithm";
        }

        return hash.Value.Length != length ? $"{hash.Algorithm} needs {length} hex digits, this has {hash.Value.Length}"
            : hash.Value.All(char.IsAsciiHexDigit) ? null
            : "it is not hexadecimal";
    }

    private static string Shorten(string value) => value.Length <= 16 ? value : value[..16] + "...";

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
