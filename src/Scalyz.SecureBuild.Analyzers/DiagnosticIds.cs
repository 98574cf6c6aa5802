namespace Scalyz.SecureBuild.Analyzers;

/// <summary>The analyzer diagnostic IDs (SSB1xxx secrets, SSB2xxx insecure APIs), their categories and help links.</summary>
public static class DiagnosticIds
{
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
    public const string CorsAnyOriginWithCredentials = "SSB2503";
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

    /// <summary>Rule categories, as shown in SARIF and in the rule pages.</summary>
    public static class Categories
    {
        public const string Secrets = "Security.Secrets";
        public const string InsecureApi = "Security.InsecureApi";
    }
}
