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

    /// <summary>The documentation page of a rule.</summary>
    public static string HelpLink(string id) => $"https://github.com/scalyz/securebuild/blob/main/src/docs/rules/{id}.md";

    /// <summary>Rule categories, as shown in SARIF and in the rule pages.</summary>
    public static class Categories
    {
        public const string Secrets = "Security.Secrets";
        public const string InsecureApi = "Security.InsecureApi";
    }
}
