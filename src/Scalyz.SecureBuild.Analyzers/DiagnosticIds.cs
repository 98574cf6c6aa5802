namespace Scalyz.SecureBuild.Analyzers;

/// <summary>The analyzer diagnostic IDs (SSB1xxx secrets, SSB2xxx insecure APIs), their categories and help links.</summary>
public static class DiagnosticIds
{
    /// <summary>The documentation page of a rule.</summary>
    public static string HelpLink(string id) => $"https://github.com/scalyz/securebuild/blob/main/src/docs/rules/{id}.md";

    /// <summary>SSB1001: a provider token or key in the secret catalog (AWS, GitHub, Stripe, ...).</summary>
    public const string ProviderSecret = "SSB1001";

    /// <summary>SSB1002: a literal given to something named like a credential, a NetworkCredential, a certificate or an authorization header.</summary>
    public const string HardcodedCredential = "SSB1002";

    /// <summary>SSB1003: a connection string with a literal Password, AccountKey or SharedAccessKey.</summary>
    public const string ConnectionStringSecret = "SSB1003";

    /// <summary>SSB1004: a private key block (RSA, EC, OpenSSH, PKCS#8, PGP, PuTTY).</summary>
    public const string PrivateKey = "SSB1004";

    /// <summary>SSB1005: a URL with a password (scheme://user:password@host).</summary>
    public const string UrlCredentials = "SSB1005";

    /// <summary>SSB1006: a secret in a configuration file (appsettings*.json, web.config, nuget.config, .env, ...).</summary>
    public const string ConfigFileSecret = "SSB1006";

    /// <summary>SSB1007: a literal symmetric key reaching AES, HMAC, SymmetricSecurityKey or JWT signing.</summary>
    public const string SymmetricKey = "SSB1007";

    /// <summary>SSB1008: a secret in a comment or XML documentation.</summary>
    public const string SecretInComment = "SSB1008";

    /// <summary>Rule categories, as shown in SARIF and in the rule pages.</summary>
    public static class Categories
    {
        public const string Secrets = "Security.Secrets";
        public const string InsecureApi = "Security.InsecureApi";
    }
}
