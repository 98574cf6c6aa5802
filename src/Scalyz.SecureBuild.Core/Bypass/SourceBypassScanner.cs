using System.Text;
using System.Text.RegularExpressions;

namespace Scalyz.SecureBuild.Core.Bypass;

/// <summary>
/// Finds SSB rule suppressions written in C# source: <c>#pragma warning disable</c> lines and <c>SuppressMessage</c>
/// attributes. A plain text scan, not a compilation: a file that mentions neither "pragma" nor "SSB" is skipped after
/// one search, and only matching files are looked at line by line. Text in comments is not counted.
/// </summary>
public static partial class SourceBypassScanner
{
    [GeneratedRegex(@"^\s*#\s*pragma\s+warning\s+disable\b(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PragmaLine();

    [GeneratedRegex(@"\bSuppressMessage(?:Attribute)?\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex SuppressMessageStart();

    [GeneratedRegex(@"^SSB\d{4}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RuleId();

    /// <summary>True when <paramref name="id"/> is an SSB rule or code id (SSB followed by four digits).</summary>
    public static bool IsRuleId(string id) => RuleId().IsMatch(id);

    /// <summary>The suppressions in one source text; <paramref name="file"/> is what the items name.</summary>
    public static IEnumerable<BypassItem> Scan(string text, string file)
    {
        var hasPragma = text.Contains("pragma", StringComparison.Ordinal);
        var hasRule = text.Contains("SSB", StringComparison.OrdinalIgnoreCase);
        if (!hasPragma && !hasRule)
        {
            return [];
        }

        var items = new List<BypassItem>();
        var lineStarts = LineStarts(text);
        if (hasPragma)
        {
            for (var i = 0; i < lineStarts.Count; i++)
            {
                var end = i + 1 < lineStarts.Count ? lineStarts[i + 1] : text.Length;
                var line = text[lineStarts[i]..end].TrimEnd('\r', '\n');
                if (PragmaLine().Match(line) is { Success: true } pragma)
                {
                    items.AddRange(FromPragma(pragma.Groups["rest"].Value, line.Trim(), file, i + 1));
                }
            }
        }

        if (hasRule)
        {
            foreach (Match match in SuppressMessageStart().Matches(text))
            {
                var lineIndex = LineIndexOf(lineStarts, match.Index);
                var before = text[lineStarts[lineIndex]..match.Index];
                if (before.Contains("//", StringComparison.Ordinal) || InBlockComment(text, match.Index))
                {
                    continue;
                }

                if (FromAttribute(text, match.Index + match.Length, file, lineIndex + 1) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        return items;
    }

    private static IEnumerable<BypassItem> FromPragma(string rest, string detail, string file, int line)
    {
        var comment = rest.IndexOf("//", StringComparison.Ordinal);
        var ids = (comment < 0 ? rest : rest[..comment]).Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = comment < 0 ? null : rest[(comment + 2)..].Trim();
        var justified = BypassReasons.IsWritten(reason);
        reason = string.IsNullOrEmpty(reason) ? null : reason;
        if (ids.Length == 0)
        {
            // A bare "#pragma warning disable" silences every diagnostic after it, SSB rules included.
            yield return new BypassItem(BypassKinds.Pragma, "SSB*", file, line, justified, reason, detail);
            yield break;
        }

        foreach (var id in ids.Where(IsRuleId).Select(id => id.ToUpperInvariant()).Distinct(StringComparer.Ordinal))
        {
            yield return new BypassItem(BypassKinds.Pragma, id, file, line, justified, reason, detail);
        }
    }

    private static BypassItem? FromAttribute(string text, int argumentsStart, string file, int line)
    {
        var arguments = SplitArguments(text, argumentsStart);
        if (arguments is null)
        {
            return null;
        }

        string? checkId = null;
        string? justification = null;
        var position = 0;
        foreach (var argument in arguments)
        {
            var equals = NamedArgument(argument);
            if (equals is { } named)
            {
                if (named.Name == "CheckId")
                {
                    checkId = StringValue(named.Value);
                }
                else if (named.Name == "Justification")
                {
                    justification = StringValue(named.Value);
                }

                continue;
            }

            if (position++ == 1)
            {
                checkId = StringValue(argument);
            }
        }

        var id = checkId?.Split(':')[0].Trim();
        if (id is null || !IsRuleId(id))
        {
            return null;
        }

        var detail = "SuppressMessage(" + string.Join(", ", arguments.Select(a => a.Trim())) + ")";
        return new BypassItem(BypassKinds.SuppressMessage, id.ToUpperInvariant(), file, line, BypassReasons.IsWritten(justification),
            string.IsNullOrWhiteSpace(justification) ? null : justification.Trim(), detail.Length > 300 ? detail[..300] + "..." : detail);
    }

    private static (string Name, string Value)? NamedArgument(string argument)
    {
        var trimmed = argument.TrimStart();
        var i = 0;
        while (i < trimmed.Length && (char.IsLetterOrDigit(trimmed[i]) || trimmed[i] == '_'))
        {
            i++;
        }

        var rest = trimmed[i..].TrimStart();
        return i > 0 && rest.StartsWith('=') && !rest.StartsWith("==", StringComparison.Ordinal) ? (trimmed[..i], rest[1..].Trim()) : null;
    }

    // A C# string literal ("...", @"...", $"..." without holes) as its value; anything else (a constant, nameof) is null.
    private static string? StringValue(string argument)
    {
        var value = argument.Trim();
        var verbatim = value.StartsWith("@\"", StringComparison.Ordinal);
        if (verbatim)
        {
            value = value[1..];
        }

        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return null;
        }

        var inner = value[1..^1];
        return verbatim ? inner.Replace("\"\"", "\"", StringComparison.Ordinal) : Regex.Unescape(inner.Replace("\\\"", "\"", StringComparison.Ordinal));
    }

    // The top-level arguments of the call whose '(' ends just before start, or null when the text ends first.
    private static List<string>? SplitArguments(string text, int start)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                var verbatim = i > 0 && text[i - 1] == '@';
                var close = i + 1;
                while (close < text.Length)
                {
                    if (!verbatim && text[close] == '\\')
                    {
                        close += 2;
                        continue;
                    }

                    if (text[close] == '"')
                    {
                        if (verbatim && close + 1 < text.Length && text[close + 1] == '"')
                        {
                            close += 2;
                            continue;
                        }

                        break;
                    }

                    close++;
                }

                close = Math.Min(close, text.Length - 1);
                current.Append(text, i, close - i + 1);
                i = close;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    if (current.ToString().Trim().Length > 0)
                    {
                        arguments.Add(current.ToString());
                    }

                    return arguments;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        return null;
    }

    private static bool InBlockComment(string text, int index)
    {
        var open = text.LastIndexOf("/*", index, StringComparison.Ordinal);
        return open >= 0 && text.IndexOf("*/", open, StringComparison.Ordinal) is var close && (close < 0 || close > index);
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return starts;
    }

    private static int LineIndexOf(List<int> starts, int offset)
    {
        var index = starts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }
}
