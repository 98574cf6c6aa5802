using System.Text.RegularExpressions;

namespace Scalyz.SecureBuild.Core.Bypass;

/// <summary>
/// Finds .editorconfig and .globalconfig settings that lower SSB rules to none, silent or suggestion: per rule
/// (<c>dotnet_diagnostic.SSBnnnn.severity</c>), per category (<c>dotnet_analyzer_diagnostic.category-Security.*.severity</c>)
/// and for every analyzer (<c>dotnet_analyzer_diagnostic.severity</c>). A comment line right above the setting is its reason.
/// </summary>
public static partial class AnalyzerConfigBypassScanner
{
    private static readonly HashSet<string> Weak = new(StringComparer.OrdinalIgnoreCase) { "none", "silent", "suggestion" };

    [GeneratedRegex(@"^dotnet_diagnostic\.(?<id>SSB\d{4})\.severity$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RuleSeverity();

    [GeneratedRegex(@"^dotnet_analyzer_diagnostic\.(?<category>category-Security\.[^.]+)\.severity$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CategorySeverity();

    [GeneratedRegex(@"\.cs\b|[{,]\s*cs\s*[,}]", RegexOptions.CultureInvariant)]
    private static partial Regex CSharpGlob();

    /// <summary>
    /// The analyzer config files that apply to <paramref name="sourceDirectories"/>: every .globalconfig above them, and
    /// the .editorconfig files above them up to the first one marked <c>root = true</c>, plus <paramref name="listed"/>.
    /// </summary>
    public static IReadOnlyList<string> Discover(IEnumerable<string> sourceDirectories, IEnumerable<string> listed)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in listed.Where(File.Exists))
        {
            found.Add(Path.GetFullPath(file));
        }

        foreach (var start in sourceDirectories.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            var editorConfigDone = false;
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var editorConfig = Path.Combine(directory.FullName, ".editorconfig");
                if (!editorConfigDone && File.Exists(editorConfig))
                {
                    found.Add(editorConfig);
                    editorConfigDone = IsRoot(editorConfig);
                }

                var globalConfig = Path.Combine(directory.FullName, ".globalconfig");
                if (File.Exists(globalConfig))
                {
                    found.Add(globalConfig);
                }
            }
        }

        return [.. found];
    }

    /// <summary>The weakening settings of one config file's text; <paramref name="file"/> is what the items name.</summary>
    public static IEnumerable<BypassItem> Scan(string text, string file, bool isGlobal)
    {
        var lines = text.Split('\n');
        // Settings before any section apply everywhere in a global config and nowhere in an .editorconfig.
        var applies = isGlobal || lines.Any(l => l.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().Equals("is_global=true", StringComparison.OrdinalIgnoreCase));
        var global = applies;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var glob = line[1..^1].Trim();
                applies = global || glob is "*" || glob.EndsWith('*') || CSharpGlob().IsMatch(glob);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (!applies || equals <= 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (!Weak.Contains(value))
            {
                continue;
            }

            var target = RuleSeverity().Match(key) is { Success: true } rule ? rule.Groups["id"].Value.ToUpperInvariant()
                : CategorySeverity().Match(key) is { Success: true } category ? category.Groups["category"].Value
                : key.Equals("dotnet_analyzer_diagnostic.severity", StringComparison.OrdinalIgnoreCase) ? "SSB*"
                : null;
            if (target is null)
            {
                continue;
            }

            var above = i > 0 ? lines[i - 1].Trim() : string.Empty;
            var reason = above.StartsWith('#') || above.StartsWith(';') ? above[1..].Trim() : null;
            yield return new BypassItem(BypassKinds.AnalyzerConfig, target, file, i + 1, BypassReasons.IsWritten(reason), string.IsNullOrEmpty(reason) ? null : reason, line);
        }
    }

    private static bool IsRoot(string editorConfig)
    {
        try
        {
            foreach (var line in File.ReadLines(editorConfig))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith('['))
                {
                    return false;
                }

                if (trimmed.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("root=true", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            // An unreadable file is reported when it is scanned.
        }

        return false;
    }
}
