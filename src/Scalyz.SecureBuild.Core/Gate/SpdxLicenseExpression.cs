namespace Scalyz.SecureBuild.Core.Gate;

/// <summary>
/// Evaluates an SPDX license expression against a license policy: an OR is acceptable when one side is, an AND only when
/// both are, "X WITH exception" as X, "X+" as X. So "MIT OR AGPL-3.0-only" passes a deny list of AGPL-3.0-only and
/// "MIT AND AGPL-3.0-only" fails it.
/// </summary>
public static class SpdxLicenseExpression
{
    /// <summary>True when <paramref name="expression"/> offers a choice that only uses acceptable licenses.</summary>
    /// <exception cref="FormatException">The expression is not valid SPDX syntax.</exception>
    public static bool IsAcceptable(string expression, Func<string, bool> acceptable)
    {
        var tokens = Tokens(expression);
        var position = 0;
        var result = Or(tokens, ref position, acceptable);
        return position == tokens.Count ? result : throw new FormatException($"unexpected '{tokens[position]}' in license expression '{expression}'");
    }

    private static bool Or(List<string> tokens, ref int position, Func<string, bool> acceptable)
    {
        var result = And(tokens, ref position, acceptable);
        while (position < tokens.Count && tokens[position].Equals("OR", StringComparison.OrdinalIgnoreCase))
        {
            position++;
            result |= And(tokens, ref position, acceptable);
        }

        return result;
    }

    private static bool And(List<string> tokens, ref int position, Func<string, bool> acceptable)
    {
        var result = Atom(tokens, ref position, acceptable);
        while (position < tokens.Count && tokens[position].Equals("AND", StringComparison.OrdinalIgnoreCase))
        {
            position++;
            result &= Atom(tokens, ref position, acceptable);
        }

        return result;
    }

    private static bool Atom(List<string> tokens, ref int position, Func<string, bool> acceptable)
    {
        if (position >= tokens.Count)
        {
            throw new FormatException("the license expression ends too early");
        }

        var token = tokens[position++];
        bool result;
        if (token == "(")
        {
            result = Or(tokens, ref position, acceptable);
            if (position >= tokens.Count || tokens[position++] != ")")
            {
                throw new FormatException("a '(' in the license expression is not closed");
            }
        }
        else if (token is ")" || IsOperator(token))
        {
            throw new FormatException($"unexpected '{token}' in the license expression");
        }
        else
        {
            result = acceptable(token.TrimEnd('+'));
        }

        if (position < tokens.Count && tokens[position].Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            position++;
            if (position >= tokens.Count || tokens[position] is "(" or ")" || IsOperator(tokens[position]))
            {
                throw new FormatException("'WITH' needs a license exception after it");
            }

            position++;
        }

        return result;
    }

    private static bool IsOperator(string token) =>
        token.Equals("AND", StringComparison.OrdinalIgnoreCase) || token.Equals("OR", StringComparison.OrdinalIgnoreCase) || token.Equals("WITH", StringComparison.OrdinalIgnoreCase);

    private static List<string> Tokens(string expression)
    {
        var tokens = new List<string>();
        foreach (var word in expression.Replace("(", " ( ", StringComparison.Ordinal).Replace(")", " ) ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            tokens.Add(word);
        }

        return tokens.Count > 0 ? tokens : throw new FormatException("the license expression is empty");
    }
}
