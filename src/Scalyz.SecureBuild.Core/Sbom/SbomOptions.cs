namespace Scalyz.SecureBuild.Core.Sbom;

/// <summary>How an SBOM is made from dependency graphs.</summary>
public sealed record SbomOptions
{
    /// <summary>The SBOM's timestamp. Null takes the current time; a fixed value makes the output byte-identical for the same inputs.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The author of the SBOM data (a person or an organization); empty falls back to the tool.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>Describe the runtime-specific (publish) graph of this runtime identifier instead of the portable one.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>
    /// The described project's declared Company/Authors as MSBuild evaluated them (the build passes them); null reads
    /// them from the project file (the CLI).
    /// </summary>
    public Projects.ProjectOwner? RootOwner { get; init; }

    /// <summary>Give the solution's own projects a pkg:nuget purl too (for projects that are published as packages).</summary>
    public bool ProjectPurls { get; init; }

    /// <summary>True when the root builds an executable (component type application rather than library).</summary>
    public bool IsApplication { get; init; }

    /// <summary>
    /// Parses a timestamp given as Unix seconds (SOURCE_DATE_EPOCH's form) or as an ISO 8601 date and time.
    /// Returns null for an empty value.
    /// </summary>
    /// <exception cref="FormatException">The value is neither.</exception>
    public static DateTimeOffset? ParseTimestamp(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date))
        {
            return date.ToUniversalTime();
        }

        throw new FormatException($"'{value}' is neither Unix seconds (as in SOURCE_DATE_EPOCH) nor an ISO 8601 date and time (2026-01-31T12:00:00Z).");
    }
}
