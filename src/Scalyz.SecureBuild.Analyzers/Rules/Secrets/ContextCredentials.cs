using System.Collections.Immutable;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>
/// Issue 12, eighth round: credentials recognised by the kind of text around them, in comments, literals and
/// configuration values alike. Each is gated on a few characters, so other text costs a comparison or two:
/// <list type="bullet">
/// <item>Short password options on a command line that logs in: mysql's glued -p&lt;password&gt;, sqlcmd's -P, -p
/// after a -u/-U user option or under sshpass, mysql*, sqlcmd, bcp, osql.</item>
/// <item>reg add ... /v &lt;credential name&gt; ... /d &lt;value&gt;: the registry value is named like a credential.</item>
/// <item>openssl's -passin/-passout pass:&lt;password&gt;.</item>
/// <item>A provider's value with no prefix of its own in a URL whose host or path names the provider: as a
/// credential-named query parameter, or as the URL's password.</item>
/// <item>Session and authentication cookies: NAME=value where the name is a session cookie's (sessionid, JSESSIONID,
/// PHPSESSID, connect.sid, .AspNetCore.Cookies, .ASPXAUTH, laravel_session, ...) and the value random.</item>
/// </list>
/// </summary>
internal static class ContextCredentials
{
    private static readonly SecretFormat CommandLineFormat = new(-1, "command-line-password", SecretKind.Header, "Password on a command line", ImmutableArray<string>.Empty, 0, false, ImmutableHashSet<string>.Empty, string.Empty);

    private static readonly SecretFormat CookieFormat = new(-1, "session-cookie", SecretKind.Header, "Session cookie", ImmutableArray<string>.Empty, 0, false, ImmutableHashSet<string>.Empty, string.Empty);

    /// <summary>The first three characters (lowercase) of what may start a candidate: "/d " (reg add); -p and "pas" and '=' are gated already.</summary>
    public static readonly string[] StartPairs = ["/d "];

    // Commands whose -p (or -P) option takes the password itself.
    private static readonly string[] PasswordFlagCommands = ["mysql", "mariadb", "sqlcmd", "bcp ", "osql ", "isql ", "sshpass"];

    // Lowercase endings of session and authentication cookie names.
    private static readonly string[] SessionCookieEndings =
    [
        "sessionid", "session_id", "sessid", "session", ".sid", "_sid", ".cookies", "aspxauth", ".aspnet.applicationcookie", "_auth", ".auth",
    ];

    /// <summary>Whether a candidate of this class may start at <paramref name="i"/>: -p/-P after a space (glued or not), "/d ", "pass:", or '=' after a session cookie name.</summary>
    public static bool MayStartAt(string text, int i)
    {
        if (i == 0 || i + 4 >= text.Length)
        {
            return false;
        }

        switch (text[i])
        {
            case '-':
                return text[i - 1] == ' ' && text[i + 1] is 'p' or 'P';
            case '/':
                return text[i - 1] == ' ' && text[i + 1] is 'd' or 'D' && text[i + 2] == ' ';
            case 'p':
                return text[i - 1] is ' ' or '"' && string.CompareOrdinal(text, i, "pass:", 0, 5) == 0;
            case '=':
                return SessionCookieNameEndsAt(text, 0, i);
            default:
                return false;
        }
    }

    /// <summary>Finds one of this class's candidates in <paramref name="text"/>[start..+length].</summary>
    public static bool TryFind(string text, int start, int length, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var end = start + length;
        for (var i = start + 1; i < end - 3; i++)
        {
            var c = text[i];
            if ((c == '-' && text[i - 1] == ' ' && text[i + 1] is 'p' or 'P' && TryPasswordFlag(text, start, end, i, settings, out match))
                || (c == '/' && text[i - 1] == ' ' && text[i + 1] is 'd' or 'D' && text[i + 2] == ' ' && TryRegistryValue(text, start, end, i, settings, out match))
                || (c == 'p' && text[i - 1] is ' ' or '"' && string.CompareOrdinal(text, i, "pass:", 0, 5) == 0 && TryPassArgument(text, start, end, i, settings, out match))
                || (c == '=' && SessionCookieNameEndsAt(text, start, i) && TrySessionCookie(text, end, i, settings, out match))
                || (c == '?' && TryUrlQueryAnchoredValue(text, start, end, i, settings, out match))
                || (c == '@' && TryUrlUserInfoAnchoredValue(text, start, end, i, settings, out match)))
            {
                return true;
            }
        }

        return false;
    }

    // A provider's value with no prefix of its own (a Ghost admin key, a Sidekiq license) in a URL whose host or path
    // names the provider: given to a credential-named query parameter (?secret=, &api_key=). The URL's host and path are
    // the provider context, however many segments lie between them and the value.
    private static bool TryUrlQueryAnchoredValue(string text, int start, int end, int question, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var urlStart = UrlStart(text, start, question);
        if (question - urlStart < 4)
        {
            return false;
        }

        var at = question + 1;
        while (at < end)
        {
            var nameStart = at;
            while (at < end && text[at] is not ('=' or '&' or ' ' or '"' or '\'' or '\r' or '\n' or '#'))
            {
                at++;
            }

            if (at >= end || text[at] != '=')
            {
                return false;
            }

            var nameEnd = at;
            var valueStart = ++at;
            while (at < end && text[at] is not ('&' or ' ' or '"' or '\'' or '\r' or '\n' or '#'))
            {
                at++;
            }

            if (nameEnd > nameStart && CredentialNames.Classify(text.Substring(nameStart, nameEnd - nameStart)) != CredentialKind.None
                && SecretScanner.TryFindAnchoredValue(text, urlStart, question - urlStart, text, valueStart, at - valueStart, settings, out match))
            {
                return true;
            }

            if (at >= end || text[at] != '&')
            {
                return false;
            }

            at++;
        }

        return false;
    }

    // scheme://user:<value>@host/provider-path: the password of a URL whose host or path names the provider.
    private static bool TryUrlUserInfoAnchoredValue(string text, int start, int end, int atSign, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var scheme = text.LastIndexOf("://", atSign, atSign - start, System.StringComparison.Ordinal);
        if (scheme < 0)
        {
            return false;
        }

        var colon = text.IndexOf(':', scheme + 3, atSign - scheme - 3);
        if (colon < 0 || text.IndexOf('/', scheme + 3, atSign - scheme - 3) >= 0)
        {
            return false;
        }

        var hostEnd = atSign + 1;
        while (hostEnd < end && text[hostEnd] is not (' ' or '"' or '\'' or '\r' or '\n' or '?' or '#'))
        {
            hostEnd++;
        }

        return SecretScanner.TryFindAnchoredValue(text, atSign + 1, hostEnd - atSign - 1, text, colon + 1, atSign - colon - 1, settings, out match);
    }

    // Back from a URL's '?' to where the URL starts: whitespace, a quote or the text's start.
    private static int UrlStart(string text, int start, int question)
    {
        var at = question;
        while (at > start && at > question - 300 && text[at - 1] is not (' ' or '\t' or '"' or '\'' or '\r' or '\n' or '(' or '<' or '>'))
        {
            at--;
        }

        return at;
    }

    // -pS3cret (mysql), -p S3cret or -P S3cret after a user option or under a command that takes the password so.
    private static bool TryPasswordFlag(string text, int start, int end, int dash, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var lineStart = LineStart(text, start, dash);
        var glued = text[dash + 2] is not (' ' or '\t');
        if (glued)
        {
            // Only mysql's family glues the password to -p; -port, -profile, -passout are words.
            if (text[dash + 1] != 'p' || !ContainsWord(text, lineStart, dash, "mysql") && !ContainsWord(text, lineStart, dash, "mariadb"))
            {
                return false;
            }
        }
        else if (!HasUserOption(text, lineStart, dash) && !HasPasswordFlagCommand(text, lineStart, dash))
        {
            return false;
        }

        var valueStart = glued ? dash + 2 : dash + 3;
        while (!glued && valueStart < end && text[valueStart] == ' ')
        {
            valueStart++;
        }

        return TryValue(text, end, valueStart, settings, CommandLineFormat, out match) && !IsPortOrAddress(text, match.Start, match.Length);
    }

    // docker run -p 8080:80, -p 127.0.0.1:5432:5432/tcp, ssh -p 2222: a port, a mapping or an address, not a password.
    private static bool IsPortOrAddress(string text, int start, int length)
    {
        var end = start + length;
        if (length > 4 && text[end - 4] == '/' && (string.CompareOrdinal(text, end - 3, "tcp", 0, 3) == 0 || string.CompareOrdinal(text, end - 3, "udp", 0, 3) == 0))
        {
            end -= 4;
        }

        for (var i = start; i < end; i++)
        {
            if (text[i] is not (>= '0' and <= '9' or '.' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    // reg add HKLM\... /v DbPassword /t REG_SZ /d <value>: the value named by /v.
    private static bool TryRegistryValue(string text, int start, int end, int slash, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var lineStart = LineStart(text, start, slash);
        var v = SecretText.IndexOfIgnoreCase(text, lineStart, slash - lineStart, " /v ");
        if (v < 0)
        {
            return false;
        }

        var nameStart = v + 4;
        if (nameStart < slash && text[nameStart] == '"')
        {
            nameStart++;
        }

        var nameEnd = nameStart;
        while (nameEnd < slash && text[nameEnd] is not (' ' or '"'))
        {
            nameEnd++;
        }

        if (nameEnd == nameStart || CredentialNames.Classify(text.Substring(nameStart, nameEnd - nameStart)) == CredentialKind.None)
        {
            return false;
        }

        return TryValue(text, end, slash + 3, settings, CommandLineFormat, out match);
    }

    // openssl ... -passin pass:<password>, -passout "pass:<password>".
    private static bool TryPassArgument(string text, int start, int end, int pass, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var optionEnd = pass - 1;
        if (text[optionEnd] == '"')
        {
            optionEnd--;
        }

        var optionStart = optionEnd;
        while (optionStart > start && text[optionStart - 1] != ' ')
        {
            optionStart--;
        }

        if (optionEnd - optionStart < 5 || SecretText.IndexOfIgnoreCase(text, optionStart, optionEnd - optionStart, "-pass") != optionStart)
        {
            return false;
        }

        return TryValue(text, end, pass + 5, settings, CommandLineFormat, out match);
    }

    // A session cookie's value: random, at least 16 characters (an express-session value may be signed: s%3A<id>.<signature>).
    private static bool TrySessionCookie(string text, int end, int equals, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var valueStart = equals + 1;
        var valueEnd = valueStart;
        while (valueEnd < end && valueEnd - valueStart < 1000 && text[valueEnd] is not (' ' or '\t' or '\r' or '\n' or '"' or '\'' or ';' or '&' or ',' or '<'))
        {
            valueEnd++;
        }

        var judged = valueStart;
        if (valueEnd - judged > 4 && (string.CompareOrdinal(text, judged, "s%3A", 0, 4) == 0 || string.CompareOrdinal(text, judged, "s:", 0, 2) == 0))
        {
            judged += text[judged + 1] == ':' ? 2 : 4;
        }

        var length = valueEnd - judged;
        if (length < 16 || SecretText.IsPlaceholder(text, judged, length) || settings.IsAllowed(text, judged, length)
            || !(GeneralCredentials.IsRandomToken(text, judged, length, 16, allowDashedUuid: false, allowDot: true) || IsUpperHexToken(text, judged, length)))
        {
            return false;
        }

        match = new SecretMatch(CookieFormat, valueStart, valueEnd - valueStart, null);
        return true;
    }

    // JSESSIONID and PHPSESSID values are often upper-case hex: 24 or more, with letters and digits.
    private static bool IsUpperHexToken(string text, int start, int length)
    {
        if (length < 24 || !GeneralCredentials.IsHex(text, start, length))
        {
            return false;
        }

        var letters = 0;
        for (var i = start; i < start + length; i++)
        {
            letters += text[i] >= 'A' ? 1 : 0;
        }

        return letters >= 4 && length - letters >= 4;
    }

    // The value at valueStart (quotes stripped) judged as a password; a variable reference ($PW, %PW%, {pw}, <pw>) is none.
    private static bool TryValue(string text, int end, int valueStart, SecretSettings settings, SecretFormat format, out SecretMatch match)
    {
        match = default;
        if (valueStart < end && text[valueStart] is '"' or '\'')
        {
            valueStart++;
        }

        var valueEnd = valueStart;
        while (valueEnd < end && valueEnd - valueStart < 200 && text[valueEnd] is not (' ' or '\t' or '\r' or '\n' or '"' or '\''))
        {
            valueEnd++;
        }

        if (valueEnd - valueStart < 6 || text[valueStart] is '$' or '%' or '{' or '<' or '-' or '*' or '[' or '(')
        {
            return false;
        }

        if (!CredentialNames.IsSecretValue(CredentialKind.Password, text.Substring(valueStart, valueEnd - valueStart), settings))
        {
            return false;
        }

        match = new SecretMatch(format, valueStart, valueEnd - valueStart, null);
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a session or authentication cookie's name (sessionid, JSESSIONID, .AspNetCore.Cookies, ...).</summary>
    public static bool IsSessionCookieName(string name) => SessionCookieNameEndsAt(name, 0, name.Length);

    /// <summary>Whether the '=' at <paramref name="equals"/> follows a session cookie's name directly (sessionid=, connect.sid=, .AspNetCore.Cookies=).</summary>
    private static bool SessionCookieNameEndsAt(string text, int start, int equals)
    {
        if (equals - start < 4 || !IsCookieNameChar(text[equals - 1]))
        {
            return false;
        }

        foreach (var ending in SessionCookieEndings)
        {
            var at = equals - ending.Length;
            if (at >= start && SecretText.IndexOfIgnoreCase(text, at, ending.Length, ending) == at)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCookieNameChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.' or '-';

    private static int LineStart(string text, int start, int at)
    {
        var newline = at > start ? text.LastIndexOf('\n', at - 1, at - start) : -1;
        return newline < 0 ? start : newline + 1;
    }

    private static bool HasUserOption(string text, int lineStart, int end) =>
        SecretText.IndexOfIgnoreCase(text, lineStart, end - lineStart, " -u ") >= 0
        || SecretText.IndexOfIgnoreCase(text, lineStart, end - lineStart, " --user") >= 0;

    private static bool HasPasswordFlagCommand(string text, int lineStart, int end)
    {
        foreach (var command in PasswordFlagCommands)
        {
            if (ContainsWord(text, lineStart, end, command.TrimEnd()) && (command[command.Length - 1] != ' ' || SecretText.IndexOfIgnoreCase(text, lineStart, end - lineStart, command) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    // The word at a word start (mysql, but also mysqldump, mysqladmin: a prefix of the command name).
    private static bool ContainsWord(string text, int start, int end, string word)
    {
        for (var at = SecretText.IndexOfIgnoreCase(text, start, end - start, word); at >= 0; at = SecretText.IndexOfIgnoreCase(text, at + 1, end - at - 1, word))
        {
            if (at == start || !SecretScanner.IsAlphanumeric(text[at - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
