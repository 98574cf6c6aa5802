using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1007_SymmetricKeyTests
{
    private const string Base64Key = "q8Zr4Lm2Xv7T" + "n9Kp3Wd6YbQ1sEfG";

    [Theory]
    [InlineData("var h = new System.Security.Cryptography.HMACSHA256({|SSB1007:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }|});")]
    [InlineData("var h = new System.Security.Cryptography.HMACSHA512({|SSB1007:System.Convert.FromBase64String(\"" + Base64Key + "\")|});")]
    [InlineData("var a = System.Security.Cryptography.Aes.Create(); a.Key = {|SSB1007:System.Text.Encoding.UTF8.GetBytes(\"0123456789abcdef\")|};")]
    [InlineData("var g = new System.Security.Cryptography.AesGcm({|SSB1007:System.Convert.FromHexString(\"00112233445566778899aabbccddeeff\")|}, 16);")]
    [InlineData("var d = System.Security.Cryptography.HMACSHA256.HashData({|SSB1007:\"signing-key-material\"u8.ToArray()|}, new byte[1]);")]
    [InlineData("var a = System.Security.Cryptography.Aes.Create(); var e = a.CreateEncryptor({|SSB1007:new byte[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6 }|}, new byte[16]);")]
    public Task LiteralKeyReachingCipherOrMac_IsReported(string statement) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C { void M() { " + statement + " } }");

    [Fact]
    public Task LiteralKeyForJwtSigning_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C { object M() => new SymmetricSecurityKey({|SSB1007:System.Text.Encoding.UTF8.GetBytes(\"" + Base64Key + "\")|}); }",
        "class SymmetricSecurityKey { public SymmetricSecurityKey(byte[] key) { } }");

    [Theory]
    [InlineData("var h = new System.Security.Cryptography.HMACSHA256(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));")]
    [InlineData("var h = new System.Security.Cryptography.HMACSHA256(System.Convert.FromBase64String(System.Environment.GetEnvironmentVariable(\"K\")!));")]
    [InlineData("var h = new System.Security.Cryptography.HMACSHA256(new byte[] { 1, 2, 3 });")]
    [InlineData("var d = new System.Collections.Generic.Dictionary<int, int>(); var k = new System.Collections.Generic.KeyValuePair<int, int>(1, 2).Key;")]
    public Task KeyNotWrittenInCode_IsNotReported(string statement) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C { void M() { " + statement + " } }");
}
