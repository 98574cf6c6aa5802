namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// The severity of an advisory, as GitHub's advisory database grades it (OSV database_specific.severity), or derived
/// from the CVSS base score. Ordered, so comparisons such as "at or above the audit level" read naturally.
/// </summary>
public enum AdvisorySeverity
{
    /// <summary>No grade and no CVSS vector; the patch policy decides how to treat it (default: like High).</summary>
    Unknown = 0,

    /// <summary>GitHub LOW, CVSS 0.1-3.9. Reported as SSB4001.</summary>
    Low = 1,

    /// <summary>GitHub MODERATE, CVSS 4.0-6.9. Reported as SSB4002.</summary>
    Moderate = 2,

    /// <summary>GitHub HIGH, CVSS 7.0-8.9. Reported as SSB4003.</summary>
    High = 3,

    /// <summary>GitHub CRITICAL, CVSS 9.0-10.0. Reported as SSB4004.</summary>
    Critical = 4,
}
