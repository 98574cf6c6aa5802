using Microsoft.CodeAnalysis;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>The SSB1xxx descriptors, shared by the analyzers and the code fix.</summary>
internal static class SecretDescriptors
{
    /// <summary>Diagnostic property carrying the environment variable name the code fix reads from.</summary>
    public const string EnvironmentVariableProperty = "EnvironmentVariable";

    public static readonly DiagnosticDescriptor ProviderSecret = Create(
        DiagnosticIds.ProviderSecret, "Hard-coded provider secret",
        "{0} '{1}' is hard-coded; load it from configuration");

    public static readonly DiagnosticDescriptor Credential = Create(
        DiagnosticIds.HardcodedCredential, "Hard-coded credential",
        "{0} is given the hard-coded value '{1}'; load it from configuration or a secret store");

    public static readonly DiagnosticDescriptor ConnectionString = Create(
        DiagnosticIds.ConnectionStringSecret, "Connection string with a hard-coded secret",
        "Connection string contains a hard-coded {0} '{1}'; load the connection string from configuration");

    public static readonly DiagnosticDescriptor PrivateKey = Create(
        DiagnosticIds.PrivateKey, "Hard-coded private key",
        "{0} '{1}' is hard-coded; load the key from a key store or a file outside the repository");

    public static readonly DiagnosticDescriptor UrlCredentials = Create(
        DiagnosticIds.UrlCredentials, "Credentials in a URL",
        "URL contains the hard-coded password '{1}'; load the credentials from configuration");

    public static readonly DiagnosticDescriptor ConfigFile = Create(
        DiagnosticIds.ConfigFileSecret, "Secret in a configuration file",
        "{0} '{1}' is hard-coded in {2}; move it to user secrets, environment variables or a vault");

    public static readonly DiagnosticDescriptor SymmetricKey = Create(
        DiagnosticIds.SymmetricKey, "Hard-coded symmetric key",
        "The key given to {0} is hard-coded; load the key from a key store or configuration");

    public static readonly DiagnosticDescriptor Comment = Create(
        DiagnosticIds.SecretInComment, "Secret in a comment",
        "{0} '{1}' appears in a comment; remove it and rotate the secret");

    /// <summary>The rule that reports a catalog match found in C# code.</summary>
    public static DiagnosticDescriptor ForKind(SecretKind kind) => kind switch
    {
        SecretKind.PrivateKey => PrivateKey,
        SecretKind.ConnectionString => ConnectionString,
        SecretKind.Url => UrlCredentials,
        SecretKind.Header => Credential,
        _ => ProviderSecret,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, DiagnosticIds.Categories.Secrets, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            helpLinkUri: DiagnosticIds.HelpLink(id));
}
