namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// The CVSS v3.0/v3.1 base score, computed from a vector with the formulas of the FIRST specification (v3.1 section 7.1,
/// with the v3.1 Roundup; v3.0 vectors use the v3.0 Roundup). Temporal and environmental metrics are ignored, as the
/// base score is what advisory databases publish.
/// </summary>
public static class CvssV3
{
    /// <summary>Parses a vector such as <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c> and returns its base score, or null when it is not a complete v3 vector.</summary>
    public static double? BaseScore(string vector)
    {
        var parts = vector.Trim().Split('/');
        if (parts.Length < 9 || parts[0] is not ("CVSS:3.1" or "CVSS:3.0"))
        {
            return null;
        }

        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !metrics.TryAdd(part[..colon], part[(colon + 1)..]))
            {
                return null;
            }
        }

        if (!metrics.TryGetValue("S", out var scope) || scope is not ("U" or "C"))
        {
            return null;
        }

        var changed = scope == "C";
        double? av = Metric(metrics, "AV") switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? ac = Metric(metrics, "AC") switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? pr = Metric(metrics, "PR") switch { "N" => 0.85, "L" => changed ? 0.68 : 0.62, "H" => changed ? 0.5 : 0.27, _ => null };
        double? ui = Metric(metrics, "UI") switch { "N" => 0.85, "R" => 0.62, _ => null };
        var c = Impact(Metric(metrics, "C"));
        var i = Impact(Metric(metrics, "I"));
        var a = Impact(Metric(metrics, "A"));
        if (av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null)
        {
            return null;
        }

        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        if (impact <= 0)
        {
            return 0.0;
        }

        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        var raw = changed ? Math.Min(1.08 * (impact + exploitability), 10) : Math.Min(impact + exploitability, 10);
        return parts[0] == "CVSS:3.1" ? RoundUp31(raw) : Math.Ceiling(raw * 10) / 10;
    }

    /// <summary>The qualitative rating of a base score (CVSS v3.1 section 5): 0 is none (null), 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical.</summary>
    public static AdvisorySeverity? Rating(double score) => score switch
    {
        <= 0 => null,
        < 4.0 => AdvisorySeverity.Low,
        < 7.0 => AdvisorySeverity.Moderate,
        < 9.0 => AdvisorySeverity.High,
        _ => AdvisorySeverity.Critical,
    };

    private static string? Metric(Dictionary<string, string> metrics, string name) => metrics.TryGetValue(name, out var value) ? value : null;

    private static double? Impact(string? value) => value switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };

    // v3.1 Appendix A: rounding up on an integer so that 4.000000001 style float errors never add 0.1.
    private static double RoundUp31(double value)
    {
        var scaled = (long)Math.Round(value * 100000);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.Floor(scaled / 10000.0) + 1) / 10.0;
    }
}
