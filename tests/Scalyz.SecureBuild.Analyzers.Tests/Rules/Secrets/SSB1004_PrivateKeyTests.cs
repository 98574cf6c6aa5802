using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1004_PrivateKeyTests
{
    private static readonly string Body = Convert.ToBase64String(Enumerable.Range(0, 96).Select(i => (byte)((i * 151) + 7)).ToArray());

    [Fact]
    public Task RsaKeyInVerbatimString_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C { string pem = {|SSB1004:@\"-----BEGIN RSA PRIVATE KEY-----\n" + Body + "\n-----END RSA PRIVATE KEY-----\"|}; }");

    [Fact]
    public Task KeyWrittenAsOneEscapedLine_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C { string pem = {|SSB1004:\"-----BEGIN OPENSSH PRIVATE KEY-----\\n" + Body + "\\n-----END OPENSSH PRIVATE KEY-----\"|}; }");

    [Fact]
    public Task HeaderUsedToParsePem_IsNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("""
        class C { bool IsKey(string pem) => pem.StartsWith("-----BEGIN RSA PRIVATE KEY-----"); }
        """);

    [Fact]
    public Task PublicKeyBlock_IsNearMissAndNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C { string pem = \"-----BEGIN PUBLIC KEY-----\\n" + Body + "\\n-----END PUBLIC KEY-----\"; }");
}
