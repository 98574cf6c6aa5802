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
}
