using System.Text.Json;
using NuGet.Versioning;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Ledger;

namespace Scalyz.SecureBuild.Core.Gate;

/// <summary>A package (or some of its versions) that must not ship.</summary>
/// <param name="Id">The package id (case-insensitive).</param>
/// <param name="Versions">The banned versions as a NuGet range ("[1.0.0, 2.0.0)", "[13.0.1]" for one version), or null for every version.</param>
/// <param name="Reason">Why, shown to the release manager.</param>
public sealed record BannedPackage(string Id, VersionRange? Versions, string Reason)
{
    /// <summary>True when <paramref name="id"/> at <paramref name="version"/> is banned.</summary>
    public bool Matches(string id, string? version) =>
        string.Equals(Id, id, StringComparison.OrdinalIgnoreCase)
        && (Versions is null || (version is not null && NuGetVersion.TryParse(version, out var v) && Versions.Satisfies(v)));
}

/// <summary>A bypass the gate policy allows by name, with the reason the security lead accepted.</summary>
/// <param name="Target">The rule id (SSB2001, SSB*), category or switch (SecureBuildAudit) allowed.</param>
/// <param name="Kind">Only this kind of bypass (no-warn, switch, ...), or null for any.</param>
/// <param name="Project">Only in this project, or null for any.</param>
/// <param name="Reason">Why it is acceptable.</param>
public sealed record AllowedBypass(string Target, string? Kind, string? Project, string Reason)
{
    /// <summary>True when this entry allows <paramref name="item"/> in <paramref name="project"/>.</summary>
    public bool Allows(string project, Bypass.BypassItem item) =>
        string.Equals(Target, item.Target, StringComparison.OrdinalIgnoreCase)
        && (Kind is null || string.Equals(Kind, item.Kind, StringComparison.Ordinal))
        && (Project is null || string.Equals(Project, project, StringComparison.Ordinal));
}

/// <summary>The release gate's own policy (the patch deadlines come from the patch policy).</summary>
/// <param name="AllowedLicenses">SPDX ids that may ship; empty means any license not denied.</param>
/// <param name="DeniedLicenses">SPDX ids that must not ship.</param>
/// <param name="BannedPackages">Packages or versions that must not ship.</param>
/// <param name="MaxAdvisoryAge">Advisory data older than this (at the gate's clock) fails the gate.</param>
/// <param name="RequireHashes">Every component must carry a well-formed hash.</param>
public sealed record GatePolicy(
    IReadOnlyList<string> AllowedLicenses,
    IReadOnlyList<string> DeniedLicenses,
    IReadOnlyList<BannedPackage> BannedPackages,
    TimeSpan MaxAdvisoryAge,
    bool RequireHashes = true)
{
    /// <summary>Bypasses the release may carry without a reason of their own (src/docs/bypass.md); none by default.</summary>
    public IReadOnlyList<AllowedBypass> AllowedBypasses { get; init; } = [];

    /// <summary>No license list, no banned package, advisory data at most 30 days old, hashes required.</summary>
    public static GatePolicy Default { get; } = new([], [], [], TimeSpan.FromDays(30));

    /// <summary>True when the single license id <paramref name="id"/> may ship.</summary>
    public bool IsLicenseAcceptable(string id) =>
        !DeniedLicenses.Contains(id, StringComparer.OrdinalIgnoreCase)
        && (AllowedLicenses.Count == 0 || AllowedLicenses.Contains(id, StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads and validates a gate policy file (JSON, documented in src/docs/gate.md); problems are SSB3101 with the line and field.</summary>
    public static GatePolicy Read(string path)
    {
        var bytes = InputFileException.ReadAllBytes(DiagnosticCodes.GatePolicyInvalid, path, "gate policy file");
        return Parse(bytes, path);
    }

    /// <summary>Parses and validates gate policy JSON; <paramref name="path"/> is used in error messages.</summary>
    public static GatePolicy Parse(byte[] utf8, string path) =>
        FieldReader.Read(utf8, path, DiagnosticCodes.GatePolicyInvalid, "a gate policy", "the gate policy",
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true },
            (r, root) =>
            {
                r.Expect(root, JsonValueKind.Object, string.Empty, "an object");
                var policy = Default;
                foreach (var property in root.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "$schema":
                            break;
                        case "version":
                            r.ExpectVersion1(property.Value, "gate policy");
                            break;
                        case "licenses":
                            r.Expect(property.Value, JsonValueKind.Object, "licenses", "an object with 'allow' and/or 'deny'");
                            foreach (var list in property.Value.EnumerateObject())
                            {
                                var ids = list.Name is "allow" or "deny"
                                    ? r.StringArray(property.Value, "licenses", list.Name)
                                    : throw r.Error($"licenses.{list.Name}", "is not a license setting; use 'allow' or 'deny'");
                                if (ids.FirstOrDefault(id => id.Length == 0 || id.Contains(' ', StringComparison.Ordinal)) is { } bad)
                                {
                                    throw r.Error($"licenses.{list.Name}", $"holds \"{bad}\", which is not a single SPDX license id");
                                }

                                policy = list.Name == "allow" ? policy with { AllowedLicenses = ids } : policy with { DeniedLicenses = ids };
                            }

                            break;
                        case "bannedPackages":
                            policy = policy with { BannedPackages = r.Array(root, "bannedPackages", Banned) };
                            break;
                        case "maxAdvisoryAgeDays":
                            policy = policy with
                            {
                                MaxAdvisoryAge = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var days) && days is > 0 and <= 3650
                                    ? TimeSpan.FromDays(days)
                                    : throw r.Error("maxAdvisoryAgeDays", $"must be a whole number of days from 1 to 3650, not {property.Value.GetRawText()}"),
                            };
                            break;
                        case "requireHashes":
                            policy = policy with
                            {
                                RequireHashes = property.Value.ValueKind switch
                                {
                                    JsonValueKind.True => true,
                                    JsonValueKind.False => false,
                                    _ => throw r.Error("requireHashes", $"must be true or false, not {property.Value.GetRawText()}"),
                                },
                            };
                            break;
                        case "allowedBypasses":
                            policy = policy with { AllowedBypasses = r.Array(root, "allowedBypasses", Allowed) };
                            break;
                        default:
                            throw r.Error(property.Name, "is not a gate policy setting; use version, licenses, bannedPackages, maxAdvisoryAgeDays, requireHashes or allowedBypasses");
                    }
                }

                return policy;
            });

    private static AllowedBypass Allowed(FieldReader r, JsonElement e, string field)
    {
        foreach (var property in e.EnumerateObject())
        {
            if (property.Name is not ("target" or "kind" or "project" or "reason"))
            {
                throw r.Error($"{field}.{property.Name}", "is not an allowed-bypass setting; use 'target', 'kind', 'project' or 'reason'");
            }
        }

        var kind = r.OptionalString(e, field, "kind");
        if (kind is not null && !Bypass.BypassKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            throw r.Error($"{field}.kind", $"\"{kind}\" is not a bypass kind; use one of {string.Join(", ", Bypass.BypassKinds.All)}");
        }

        var reason = r.String(e, field, "reason");
        if (!Bypass.BypassReasons.IsWritten(reason))
        {
            throw r.Error($"{field}.reason", "must say why the bypass is acceptable (at least 8 characters, not a placeholder)");
        }

        return new AllowedBypass(r.String(e, field, "target"), kind, r.OptionalString(e, field, "project"), reason);
    }

    private static BannedPackage Banned(FieldReader r, JsonElement e, string field)
    {
        foreach (var property in e.EnumerateObject())
        {
            if (property.Name is not ("id" or "versions" or "reason"))
            {
                throw r.Error($"{field}.{property.Name}", "is not a banned-package setting; use 'id', 'versions' or 'reason'");
            }
        }

        var versions = r.OptionalString(e, field, "versions");
        VersionRange? range = null;
        if (versions is not null && !VersionRange.TryParse(versions, out range))
        {
            throw r.Error($"{field}.versions", $"\"{versions}\" is not a NuGet version range such as \"[1.0.0, 2.0.0)\" or \"[13.0.1]\"");
        }

        return new BannedPackage(r.String(e, field, "id"), range, r.OptionalString(e, field, "reason") ?? "banned by the gate policy");
    }
}
