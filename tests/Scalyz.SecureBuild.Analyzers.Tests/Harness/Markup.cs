using Microsoft.CodeAnalysis.Text;

namespace Scalyz.SecureBuild.Analyzers.Tests.Harness;

/// <summary>
/// Parses test source with inline markers: <c>[|text|]</c> expects the rule under test on <c>text</c>,
/// <c>{|SSB2001:text|}</c> expects a named rule. Markers do not nest.
/// </summary>
public static class Markup
{
    public static (string Source, IReadOnlyList<(string Id, TextSpan Span)> Expected) Parse(string marked, string defaultId)
    {
        var source = new System.Text.StringBuilder(marked.Length);
        var expected = new List<(string, TextSpan)>();
        var i = 0;
        while (i < marked.Length)
        {
            if (Starts(marked, i, "[|"))
            {
                var end = marked.IndexOf("|]", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"Unclosed '[|' at offset {i}.");
                }

                var text = marked[(i + 2)..end];
                expected.Add((defaultId, new TextSpan(source.Length, text.Length)));
                source.Append(text);
                i = end + 2;
            }
            else if (Starts(marked, i, "{|"))
            {
                var colon = marked.IndexOf(':', i + 2);
                var end = marked.IndexOf("|}", i + 2, StringComparison.Ordinal);
                if (colon < 0 || end < 0 || colon > end)
                {
                    throw new FormatException($"Malformed '{{|ID:...|}}' marker at offset {i}.");
                }

                var id = marked[(i + 2)..colon];
                var text = marked[(colon + 1)..end];
                expected.Add((id, new TextSpan(source.Length, text.Length)));
                source.Append(text);
                i = end + 2;
            }
            else
            {
                source.Append(marked[i]);
                i++;
            }
        }

        return (source.ToString(), expected.OrderBy(e => e.Item2.Start).ThenBy(e => e.Item1, StringComparer.Ordinal).ToList());
    }

    private static bool Starts(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
