namespace Scalyz.SecureBuild.Analyzers;

/// <summary>The analyzer diagnostic IDs (SSB1xxx secrets, SSB2xxx insecure APIs), their categories and help links.</summary>
public static class DiagnosticIds
{
    // SSB2001-SSB2099: cryptography and randomness.
    public const string WeakHash = "SSB2001";
    public const string WeakCipher = "SSB2002";
    public const string EcbMode = "SSB2003";
    public const string HardcodedKey = "SSB2004";
    public const string ConstantIv = "SSB2005";
    public const string WeakKeySize = "SSB2006";
    public const string RsaWithoutOaep = "SSB2007";
    public const string WeakKeyDerivation = "SSB2008";
    public const string LegacyCryptoType = "SSB2009";
    public const string InsecureRandom = "SSB2010";
    public const string GuidAsSecret = "SSB2011";

    // SSB2100-SSB2199: transport and TLS.
    public const string CertificateValidationDisabled = "SSB2101";
    public const string ObsoleteTlsProtocol = "SSB2102";
    public const string CredentialsOverHttp = "SSB2103";

    // SSB2200-SSB2299: deserialization.
    public const string InsecureFormatter = "SSB2201";
    public const string JavaScriptSerializerTypeResolver = "SSB2202";
    public const string JsonNetTypeNameHandling = "SSB2203";
    public const string SerializerTypeFromInput = "SSB2204";
    // SSB2300-SSB2399 injection
    public const string SqlInjection = "SSB2301";
    public const string CommandInjection = "SSB2302";
    public const string LdapInjection = "SSB2303";
    public const string XPathInjection = "SSB2304";
    public const string RegexInjection = "SSB2305";
    public const string PathTraversal = "SSB2306";

    // SSB2400-SSB2499 XML
    public const string XmlDtdProcessing = "SSB2401";
    public const string XmlResolver = "SSB2402";
    public const string XsltUnsafeSettings = "SSB2403";

    // SSB2500-SSB2599 web
    public const string CookieWithoutSecure = "SSB2501";
    public const string CookieWithoutHttpOnly = "SSB2502";
    public const string CorsAnyOrigin = "SSB2503";
    public const string AntiforgeryDisabled = "SSB2504";
    public const string RequestValidationDisabled = "SSB2505";
    public const string OpenRedirect = "SSB2506";
    public const string JwtValidationDisabled = "SSB2507";
    public const string DeveloperExceptionPage = "SSB2508";

    // SSB2600-SSB2699 web output and cleartext transport
    public const string XssSink = "SSB2601";
    public const string CleartextTransport = "SSB2602";

    // SSB2700-SSB2799 logging
    public const string SecretLogged = "SSB2701";
    public const string LoggingDisabled = "SSB2702";

    // SSB2800-SSB2899 files
    public const string WorldWritableFile = "SSB2801";

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
