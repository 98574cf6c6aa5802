using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, third round: the kinds of misses and false positives batch 4 showed, as mechanisms (literals in
/// interpolation holes, Basic credentials built in code, SecureString filled from a literal, token prefixes that are the
/// tail of another word) and catalog rows (feed keys in nuget.config URLs, JWK private keys, docker config auths,
/// machineKey, kubeadm tokens, net use passwords). Values are made up for the tests.
/// </summary>
public sealed class SecretRound3Tests
{
    private const string Base62 = "Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2";
    private const string Password = "Tr0ub4dor" + "&3x";
    private const string Code = "class C { }";

    [Fact]
    public Task ProviderTokenInAHoleOfAnAuthorizationInterpolation_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "using System;\nusing System.Text;\nclass C\n{\n    string M() => $\"Basic {Convert.ToBase64String(Encoding.ASCII.GetBytes({|SSB1001:\"xnd_production_" + Base62 + "Q8w2E4r6T8y0U2i4O6p8\"|} + \":\"))}\";\n}\n");

    [Fact]
    public Task LiteralInTheHoleOfABearerInterpolation_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    void M(System.Net.Http.HttpRequestMessage r) => r.Headers.TryAddWithoutValidation(\"Authorization\", {|SSB1002:$\"Bearer {\"" + Base62 + "\"}\"|});\n}\n");

    [Fact]
    public Task PasswordAfterTheColonOfEncodedBasicCredentials_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "using System;\nusing System.Text;\nclass C\n{\n    string M(string user) => Convert.ToBase64String(Encoding.UTF8.GetBytes({|SSB1002:$\"{user}:" + Password + "\"|}));\n}\n");

    [Fact]
    public Task EncodedBasicCredentialsFromVariables_AreNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "using System;\nusing System.Text;\nclass C\n{\n    string M(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($\"{user}:{password}\"));\n    string N(string user) => Convert.ToBase64String(Encoding.UTF8.GetBytes($\"{user}:changeme\"));\n}\n");

    [Fact]
    public Task SecureStringFilledFromALiteral_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    System.Security.SecureString M()\n    {\n        var s = new System.Security.SecureString();\n        foreach (var ch in {|SSB1002:\"" + Password + "\"|})\n        {\n            s.AppendChar(ch);\n        }\n\n        return s;\n    }\n}\n");

    [Fact]
    public Task ForeachOverALiteralWithoutASecureString_IsNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    int M()\n    {\n        var n = 0;\n        foreach (var ch in \"" + Password + "\")\n        {\n            n += ch;\n        }\n\n        return n;\n    }\n}\n");

    [Theory]
    [InlineData("PublicKey", "pk_live_9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e9a2d4f6b")] // a live_ token prefix after pk_
    [InlineData("ServiceId", "orders-api-6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6")] // an api- key prefix after orders-
    [InlineData("ClientKey", "client-Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2k3m9x2q7")] // feature-flag SDK client keys are public
    [InlineData("HmacKey", "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")] // RFC 7515 A.1
    [InlineData("ClientSecret", "7Fjfp0ZBr1KtDRbnfVdmIw")] // RFC 6749 2.3.1
    public Task PrefixTailsPublicKeysAndDocumentedExamples_AreNotReported(string name, string value) => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string " + name + " = \"" + value + "\";\n}\n");

    [Theory]
    [InlineData("    // kubeadm join 10.0.0.1:6443 --token {|SSB1008:k3m9x2.q7p8v4t6w1b5n0z8|} --discovery-token-unsafe-skip-ca-verification\n")]
    [InlineData("    // net use \\\\fs01\\share /user:CONTOSO\\svc {|SSB1008:" + Password + "|} /persistent:no\n")]
    [InlineData("    /// <example>https://hooks.slack.com/triggers/{|SSB1008:T0A1B2C3D4/1234567890123/4c9e2a7f1b8d3e6a0c5f9b2d7e1a4c8f|}</example>\n")]
    public Task ShapesInComments_AreReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + comment.Replace("{|SSB1008:T0A1B2C3D4/1234567890123/", "T0A1B2C3D4/1234567890123/{|SSB1008:", StringComparison.Ordinal) + "    void M() { }\n}\n");

    [Theory]
    [InlineData("    // kubeadm token create abcdef.0123456789abcdef (the documentation example)\n")]
    [InlineData("    // net use \\\\fs01\\share /user:CONTOSO\\svc * /persistent:no\n")]
    [InlineData("    // net use \\\\fs01\\share /user:CONTOSO\\svc %SHARE_PASSWORD%\n")]
    public Task DocumentedOrPromptedValuesInComments_AreNotReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + comment + "    void M() { }\n}\n");

    [Fact]
    public Task JwkWithAPrivateMember_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string Jwk = {|SSB1004:\"{\\\"kty\\\":\\\"EC\\\",\\\"crv\\\":\\\"P-256\\\",\\\"x\\\":\\\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\\\",\\\"y\\\":\\\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\\\",\\\"d\\\":\\\"q9Zr3Kx7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7U\\\"}\"|};\n}\n");

    [Fact]
    public Task PublicJwk_IsNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string Jwk = \"{\\\"kty\\\":\\\"EC\\\",\\\"crv\\\":\\\"P-256\\\",\\\"x\\\":\\\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\\\",\\\"y\\\":\\\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\\\"}\";\n}\n");

    [Fact]
    public Task DockerConfigAuthInARawU8Literal_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    static System.ReadOnlySpan<byte> Config => {|SSB1001:\"\"\"\n        {\"auths\":{\"registry.contoso.io\":{\"auth\":\"Y2ktcHVzaDpYcTdMbTJWcjlUejRLcDhXbjNZczZC\"}}}\n        \"\"\"u8|};\n}\n");

    [Fact]
    public Task FeedKeysInNuGetConfigSourceUrls_AreReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/nuget.config", "<configuration>\n  <packageSources>\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n"
            + "    <add key=\"DevExpress\" value=\"https://nuget.devexpress.com/[|" + Base62 + "Q8w2E4r6T8|]/api/v3/index.json\" />\n"
            + "    <add key=\"internal\" value=\"https://feeds.contoso.net/nuget/[|k3M9x2Q7p8V4t6W1b5N0z8R2y4U6i8O0|]/v3/index.json\" />\n"
            + "    <add key=\"fury\" value=\"https://[|Xq7Lm2Vr9Tz4Kp8Wn3Ys|]@nuget.fury.io/contoso/\" />\n  </packageSources>\n</configuration>\n")], []);

    [Fact]
    public Task MachineKeyInWebConfig_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/web.config", "<configuration>\n  <system.web>\n    <machineKey validationKey=\"[|9F3B7C1E5A2D8F4B6C0E7A9D1F3B5C7E9A2D4F6B4C9E2A7F1B8D3E6A0C5F9B2D|]\" validation=\"HMACSHA256\" />\n  </system.web>\n</configuration>\n")], []);

    [Fact]
    public Task MyGetKeyUnderItsFeedCredentials_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/nuget.config", "<configuration>\n  <packageSourceCredentials>\n    <MyGet>\n      <add key=\"Username\" value=\"ci\" />\n      <add key=\"ClearTextPassword\" value=\"[|6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6|]\" />\n    </MyGet>\n  </packageSourceCredentials>\n</configuration>\n")], []);

    [Fact]
    public Task CredentialInAnXmlElementInsideAString_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string Body = {|SSB1002:\"<Auth><User>svc</User><ApiKey>" + Base62 + "</ApiKey></Auth>\"|};\n}\n");

    [Fact]
    public Task XmlElementsThatDescribeOrReferenceACredential_AreNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string Body = \"<Policy><PasswordLength>12</PasswordLength><ApiKey>$(API_KEY)</ApiKey><Token>%TOKEN%</Token><Secret>{0}</Secret></Policy>\";\n}\n");
}
