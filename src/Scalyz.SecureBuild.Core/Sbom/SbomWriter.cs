namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>Format names as users type them, default file names, and writing any format.</summary>
public static class SbomWriter
{
    /// <summary>The format names accepted by SecureBuildSbomFormat and <c>securebuild sbom --format</c>.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = ["cyclonedx", "cyclonedx-1.6", "cyclonedx-1.5", "spdx", "spdx-2.3"];

    /// <summary>Parses a format name (case-insensitive); null for an unknown one.</summary>
    public static SbomFormat? ParseFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cyclonedx" or "cyclonedx-1.6" or "cdx" => SbomFormat.CycloneDx16,
        "cyclonedx-1.5" => SbomFormat.CycloneDx15,
        "spdx" or "spdx-2.3" => SbomFormat.Spdx23,
        _ => null,
    };

    /// <summary>The conventional file name for a format: sbom.cdx.json or sbom.spdx.json.</summary>
    public static string DefaultFileName(SbomFormat format) => format == SbomFormat.Spdx23 ? "sbom.spdx.json" : "sbom.cdx.json";

    /// <summary>The document in <paramref name="format"/> as UTF-8 JSON.</summary>
    public static byte[] Write(SbomDocument document, SbomFormat format) =>
        format == SbomFormat.Spdx23 ? SpdxWriter.Write(document) : CycloneDxWriter.Write(document, format);
}
