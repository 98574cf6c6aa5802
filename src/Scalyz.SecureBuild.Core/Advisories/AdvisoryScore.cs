namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>The severity of one record and the CVSS base score printed beside it.</summary>
/// <param name="Severity">GitHub's grade when the record has one, else the rating of the CVSS v3 score, else Unknown.</param>
/// <param name="CvssScore">The CVSS v3 base score computed from the record's vector, when it has one.</param>
/// <param name="CvssVector">That vector.</param>
public sealed record AdvisoryScore(AdvisorySeverity Severity, double? CvssScore, string? CvssVector)
{
    /// <summary>Scores <paramref name="record"/>.</summary>
    public static AdvisoryScore Of(OsvRecord record)
    {
        string? vector = null;
        double? score = null;
        foreach (var item in record.Severity.Where(s => s.Type == "CVSS_V3"))
        {
            if (CvssV3.BaseScore(item.Score) is { } computed)
            {
                (vector, score) = (item.Score, computed);
                break;
            }
        }

        // CVSS v4.0 scores come from a published lookup table of macro vectors; they are not derived here, so a record
        // with only a v4 vector and no GitHub grade is Unknown, which the policy treats as configured.
        var severity = ParseGrade(record.GitHubSeverity) ?? (score is { } s ? CvssV3.Rating(s) : null) ?? AdvisorySeverity.Unknown;
        return new AdvisoryScore(severity, score, vector);
    }

    /// <summary>Reads a grade as GitHub (LOW, MODERATE, HIGH, CRITICAL) or NuGet (low, moderate, high, critical) spell it; MEDIUM means moderate.</summary>
    public static AdvisorySeverity? ParseGrade(string? grade) => grade?.Trim().ToUpperInvariant() switch
    {
        "LOW" => AdvisorySeverity.Low,
        "MODERATE" or "MEDIUM" => AdvisorySeverity.Moderate,
        "HIGH" => AdvisorySeverity.High,
        "CRITICAL" => AdvisorySeverity.Critical,
        _ => null,
    };
}
