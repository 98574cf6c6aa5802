using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Modern;

/// <summary>
/// SSB2004 (hard-coded key), SSB2005 (constant IV) and SSB1007 (symmetric key in code) on C# 12-14 syntax, which only
/// the Roslyn 4.14 build of the analyzers sees: collection expressions and spreads, null-conditional assignment,
/// primary constructors, raw and UTF-8 literals.
/// </summary>
public sealed class CryptoModernSyntaxTests
{
    private const string Key16 = "0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10";

    [Fact]
    public Task CollectionExpressionKeyAndIv_Report() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>($$"""
        using System.Security.Cryptography;
        class C
        {
            void M()
            {
                using var aes = Aes.Create();
                aes.Key = {|SSB2004:[{{Key16}}]|};
                byte[] iv = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
                aes.IV = {|SSB2005:iv|};
            }
        }
        """);

    [Fact]
    public Task SpreadOfConstantBytesAndNullConditionalAssignment_Report() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>($$"""
        using System.Security.Cryptography;
        class C
        {
            private static readonly byte[] Prefix = [0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58];

            void M(Aes? shared)
            {
                shared?.Key = {|SSB2004:[.. Prefix, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68]|};
                shared?.IV = {|SSB2005:[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]|};
            }
        }
        """);

    [Fact]
    public Task PrimaryConstructorCapturedCipherAndKeyArguments_Report() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>($$""""
        using System.Security.Cryptography;
        sealed class Sealer(Aes aes)
        {
            public void Init() => aes.Key = {|SSB2004:[{{Key16}}]|};
            public HMACSHA256 Mac() => new({|SSB2004:[{{Key16}}]|});
            public void Utf8() => aes.Key = {|SSB2004:"0123456789abcdef"u8.ToArray()|};
            public void Raw() => aes.Key = {|SSB2004:System.Text.Encoding.UTF8.GetBytes("""0123456789abcdef""")|};
        }
        """");

    [Fact]
    public Task RandomBytesSpreadOrOverwrittenBuffer_DoNotReport() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            void M(Aes aes, byte[] secret)
            {
                aes.Key = [.. RandomNumberGenerator.GetBytes(32)];
                aes.Key = [.. secret];
                byte[] iv = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
                RandomNumberGenerator.Fill(iv);
                aes.IV = iv;
            }
        }
        """);

    [Fact]
    public Task SymmetricKeySinksGivenCollectionExpressions_Report() => Verify.AnalyzerAsync(new HardcodedSecretAnalyzer(), $$"""
        using System.Security.Cryptography;
        class C
        {
            void M(Aes aes)
            {
                aes.Key = {|SSB1007:[{{Key16}}]|};
                using var mac = new HMACSHA256({|SSB1007:[{{Key16}}]|});
            }
        }
        """, [], []);
}
