using System.Collections.Generic;

namespace Scalyz.SecureBuild.Analyzers.Rules.Crypto;

/// <summary>
/// Decides whether a name (variable, member, parameter) says its value guards something: a token, key, password,
/// salt, nonce. Names are split into camelCase/snake_case words so "monkey" or "keyboard" never count as "key".
/// </summary>
internal static class SecurityNames
{
    private static readonly HashSet<string> Words = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "token", "tokens", "password", "passwords", "passwd", "pwd", "secret", "secrets", "key", "keys", "apikey", "salt",
        "nonce", "iv", "otp", "totp", "hotp", "csrf", "xsrf", "antiforgery", "credential", "credentials", "passcode",
        "passphrase", "pin", "auth", "authentication", "signature", "hmac", "cipher", "encryption", "crypto", "session",
        "sessionid", "verification", "activation", "reset", "invite", "bearer", "jwt", "challenge",
    };

    /// <summary>True when one of the words of <paramref name="name"/> is a security word.</summary>
    public static bool IsSecurityName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var word in SplitWords(name!))
        {
            if (Words.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> SplitWords(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length
                || name[i] is '_' or '-'
                || (char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
                || (char.IsUpper(name[i]) && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]));
            if (!boundary)
            {
                continue;
            }

            var word = name.Substring(start, i - start).Trim('_', '-');
            if (word.Length > 0)
            {
                yield return word;
            }

            start = i;
        }
    }
}
