using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2005_ConstantIvTests
{
    [Fact]
    public Task ConstantIvsAndNonces_Report() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            void A(Aes aes) { aes.IV = {|SSB2005:new byte[16]|}; }
            byte[] B(Aes aes, byte[] d) { var iv = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }; return aes.EncryptCbc(d, {|SSB2005:iv|}); }
            ICryptoTransform D(Aes aes, byte[] key) => aes.CreateDecryptor(key, {|SSB2005:new byte[16]|});
            void E(AesGcm gcm, byte[] p, byte[] c, byte[] t) => gcm.Encrypt({|SSB2005:new byte[12]|}, p, c, t);
        }
        """);

    [Fact]
    public Task RandomIvs_DoNotReport() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            void A(Aes aes) { aes.GenerateIV(); }
            byte[] B(Aes aes, byte[] d) { var iv = new byte[16]; RandomNumberGenerator.Fill(iv); return aes.EncryptCbc(d, iv); }
            void E(AesGcm gcm, byte[] p, byte[] c, byte[] t) { var nonce = RandomNumberGenerator.GetBytes(12); gcm.Encrypt(nonce, p, c, t); }
        }
        """);

    [Fact]
    public Task ConstantNonceForDecryption_DoesNotReport() => Verify.AnalyzerAsync<HardcodedKeyAnalyzer>("""
        using System.Security.Cryptography;
        class C { void D(AesGcm gcm, byte[] c, byte[] t, byte[] p) => gcm.Decrypt(new byte[12], c, t, p); }
        """);
}
