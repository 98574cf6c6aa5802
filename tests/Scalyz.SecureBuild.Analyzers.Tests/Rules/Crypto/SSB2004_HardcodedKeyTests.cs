using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2004_HardcodedKeyTests
{
    [Fact]
    public Task LiteralKeysInEveryShape_Report() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>("""
        using System.Security.Cryptography;
        using System.Text;
        class C
        {
            static readonly byte[] Secret = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            void A(Aes aes) { aes.Key = [|Secret|]; }
            void B(Aes aes) { var key = Encoding.UTF8.GetBytes("0123456789abcdef"); aes.Key = [|key|]; }
            ICryptoTransform D(Aes aes, byte[] iv) => aes.CreateEncryptor([|Encoding.ASCII.GetBytes("0123456789abcdef")|], iv);
            byte[] E(byte[] d) => HMACSHA256.HashData([|"secret-key"u8.ToArray()|], d);
            HMAC F() => new HMACSHA256([|System.Convert.FromBase64String("c2VjcmV0LWtleQ==")|]);
            AesGcm G() => new AesGcm([|KeyBytes()|], 16);
            static byte[] KeyBytes() => new byte[] { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9 };
        }
        """);

    [Fact]
    public Task RandomOrLoadedKeys_DoNotReport() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            void A(Aes aes) { aes.Key = RandomNumberGenerator.GetBytes(32); }
            void B(Aes aes, byte[] fromVault) { aes.Key = fromVault; }
            void D(Aes aes) { var key = new byte[32]; RandomNumberGenerator.Fill(key); aes.Key = key; }
            HMAC E(string configured) => new HMACSHA256(System.Convert.FromBase64String(configured));
        }
        """);

    [Fact]
    public Task ConstantDataThatIsNotAKey_DoesNotReport() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>("""
        using System.Security.Cryptography;
        using System.Text;
        class C { byte[] A(byte[] key) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("fixed message")); }
        """);
}
