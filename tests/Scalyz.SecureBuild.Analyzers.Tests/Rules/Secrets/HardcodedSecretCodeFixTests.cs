using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.CodeFixes.Rules.Secrets;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class HardcodedSecretCodeFixTests
{
    [Fact]
    public Task ProviderKeyInProperty_Fixes() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, HardcodedSecretCodeFix>(
        "class C { public string AccessKeyId { get; } = \"AKIA" + "2OGYBAH6QZRLXW7N\"; }",
        "class C { public string AccessKeyId { get; } = System.Environment.GetEnvironmentVariable(\"ACCESS_KEY_ID\") ?? throw new System.InvalidOperationException(\"Set the ACCESS_KEY_ID environment variable.\"); }");

    [Fact]
    public Task CredentialInConstField_FixesToStaticReadonly() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, HardcodedSecretCodeFix>(
        "class C { private const string DbPassword = \"Tr0ub4dor" + "&3x\"; }",
        "class C { private static readonly string DbPassword = System.Environment.GetEnvironmentVariable(\"DB_PASSWORD\") ?? throw new System.InvalidOperationException(\"Set the DB_PASSWORD environment variable.\"); }");

    [Fact]
    public Task CredentialPassedToNetworkCredential_Fixes() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, HardcodedSecretCodeFix>(
        "class C { object M() => new System.Net.NetworkCredential(\"svc\", \"Tr0ub4dor" + "&3x\"); }",
        "class C { object M() => new System.Net.NetworkCredential(\"svc\", System.Environment.GetEnvironmentVariable(\"NETWORK_CREDENTIAL_PASSWORD\") ?? throw new System.InvalidOperationException(\"Set the NETWORK_CREDENTIAL_PASSWORD environment variable.\")); }");

    [Fact]
    public Task PrivateKeyInField_FixesToEnvironmentVariable() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, HardcodedSecretCodeFix>(
        "class C { string SigningKey = \"-----BEGIN RSA PRIVATE KEY-----\\n" + Pem + "\\n-----END RSA PRIVATE KEY-----\"; }",
        "class C { string SigningKey = System.Environment.GetEnvironmentVariable(\"SIGNING_KEY\") ?? throw new System.InvalidOperationException(\"Set the SIGNING_KEY environment variable.\"); }");

    [Fact]
    public Task ProviderWordInName_AnchoredSecretFixes() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, HardcodedSecretCodeFix>(
        "class C { static readonly string TwilioAuthToken = \"" + "9f86d081884c7d65" + "9a2feaa0c55ad015\"; }",
        "class C { static readonly string TwilioAuthToken = System.Environment.GetEnvironmentVariable(\"TWILIO_AUTH_TOKEN\") ?? throw new System.InvalidOperationException(\"Set the TWILIO_AUTH_TOKEN environment variable.\"); }");

    [Fact]
    public Task SymmetricKeyBytes_FixToBase64EnvironmentVariable() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, SymmetricKeyCodeFix>(
        "class C { void M() { var a = System.Security.Cryptography.Aes.Create(); a.Key = System.Text.Encoding.UTF8.GetBytes(\"q8Zr4Lm2Xv7T" + "n9Kp3Wd6YbQ1sEfG\"); } }",
        "class C { void M() { var a = System.Security.Cryptography.Aes.Create(); a.Key = System.Convert.FromBase64String(System.Environment.GetEnvironmentVariable(\"ENCRYPTION_KEY\") ?? throw new System.InvalidOperationException(\"Set the ENCRYPTION_KEY environment variable.\")); } }");

    [Fact]
    public Task HmacKeyBytes_FixNamesTheVariableAfterTheAlgorithm() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, SymmetricKeyCodeFix>(
        "class C { object M() => new System.Security.Cryptography.HMACSHA256(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }); }",
        "class C { object M() => new System.Security.Cryptography.HMACSHA256(System.Convert.FromBase64String(System.Environment.GetEnvironmentVariable(\"HMACSHA256_KEY\") ?? throw new System.InvalidOperationException(\"Set the HMACSHA256_KEY environment variable.\"))); }");

    [Fact]
    public Task SecretInComment_IsRedacted() => Verify.CodeFixAsync<HardcodedSecretAnalyzer, SecretInCommentCodeFix>(
        "class C\n{\n    // Stripe: sk_live_" + "51HqLyjWDarjtT1zdp7dc" + "Q9r2VbXk4Tz\n    void M() { }\n}\n",
        "class C\n{\n    // Stripe: [redacted]\n    void M() { }\n}\n");

    private const string Pem = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmw";
}
