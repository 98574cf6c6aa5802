using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>
/// The secret rules' .editorconfig options (documented in src/docs/rules/SSB1001.md):
/// <c>securebuild.secrets.allowlist</c> (a regular expression; matching values are never reported),
/// <c>securebuild.secrets.min_entropy</c> (bits per character a generic key or token needs, default 3.0),
/// <c>securebuild.secrets.excluded_files</c> (globs separated by ';'),
/// <c>securebuild.secrets.test_projects</c> (<c>report</c>, the default, or <c>skip</c>).
/// </summary>
internal sealed class SecretSettings
{
    public const string AllowlistKey = "securebuild.secrets.allowlist";
    public const string MinEntropyKey = "securebuild.secrets.min_entropy";
    public const string ExcludedFilesKey = "securebuild.secrets.excluded_files";
    public const string TestProjectsKey = "securebuild.secrets.test_projects";
    public const double DefaultMinEntropy = 3.0;

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<string, Regex?> Regexes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Regex> Globs = new(StringComparer.Ordinal);

    public static readonly SecretSettings Default = new(null, DefaultMinEntropy, null, skipTestProjects: false);

    private readonly Regex? _allowlist;
    private readonly Regex? _excluded;

    private SecretSettings(Regex? allowlist, double minEntropy, Regex? excluded, bool skipTestProjects)
    {
        _allowlist = allowlist;
        MinEntropy = minEntropy;
        _excluded = excluded;
        SkipTestProjects = skipTestProjects;
    }

    public double MinEntropy { get; }

    public bool SkipTestProjects { get; }

    /// <summary>Reads the options; unparsable values fall back to the defaults rather than silencing the rules.</summary>
    public static SecretSettings From(AnalyzerConfigOptions options)
    {
        options.TryGetValue(AllowlistKey, out var allowlist);
        options.TryGetValue(ExcludedFilesKey, out var excluded);
        var minEntropy = options.TryGetValue(MinEntropyKey, out var entropyText)
            && double.TryParse(entropyText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
            ? parsed
            : DefaultMinEntropy;
        var skipTests = options.TryGetValue(TestProjectsKey, out var tests) && string.Equals(tests?.Trim(), "skip", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(allowlist) && string.IsNullOrWhiteSpace(excluded) && minEntropy == DefaultMinEntropy && !skipTests)
        {
            return Default;
        }

        return new SecretSettings(AllowlistRegex(allowlist), minEntropy, ExcludedRegex(excluded), skipTests);
    }

    public bool IsAllowed(string text, int start, int length)
    {
        if (_allowlist is null)
        {
            return false;
        }

        try
        {
            return _allowlist.IsMatch(text.Substring(start, length));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public bool IsExcluded(string? path) =>
        _excluded is not null && path is not null && _excluded.IsMatch(path.Replace('\\', '/'));

    private static Regex? AllowlistRegex(string? pattern) =>
        string.IsNullOrWhiteSpace(pattern) ? null : Regexes.GetOrAdd(pattern!.Trim(), static p =>
        {
            try
            {
                return new Regex(p, RegexOptions.CultureInvariant, Timeout);
            }
            catch (ArgumentException)
            {
                // A broken allowlist must not switch the rules off; it is ignored (and the values reported).
                return null;
            }
        });

    private static Regex? ExcludedRegex(string? globs) =>
        string.IsNullOrWhiteSpace(globs) ? null : Globs.GetOrAdd(globs!.Trim(), static g => new Regex(GlobsToPattern(g), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Timeout));

    // '**' spans folders, '*' and '?' stay within one; a glob matches the end of the path, as .gitignore patterns do.
    private static string GlobsToPattern(string globs)
    {
        var pattern = new StringBuilder("(?:");
        var first = true;
        foreach (var raw in globs.Split(';', ','))
        {
            var glob = raw.Trim().Replace('\\', '/');
            if (glob.Length == 0)
            {
                continue;
            }

            pattern.Append(first ? "(?:^|/)" : "|(?:^|/)");
            first = false;
            for (var i = 0; i < glob.Length; i++)
            {
                var c = glob[i];
                if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    pattern.Append(".*");
                    i++;
                    if (i + 1 < glob.Length && glob[i + 1] == '/')
                    {
                        i++;
                        pattern.Append("/?");
                    }
                }
                else
                {
                    pattern.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
                }
            }
        }

        return first ? "(?!)" : pattern.Append(")$").ToString();
    }
}
