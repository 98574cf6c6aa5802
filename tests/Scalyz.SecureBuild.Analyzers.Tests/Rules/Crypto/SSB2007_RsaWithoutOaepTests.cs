using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2007_RsaWithoutOaepTests
{
    [Fact]
    public Task Pkcs1Encryption_Reports() => Verify.AnalyzerAsync<RsaWithoutOaepAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(RSA rsa, byte[] d) => rsa.Encrypt(d, [|RSAEncryptionPadding.Pkcs1|]);
            byte[] B(RSACryptoServiceProvider rsa, byte[] d) => rsa.Encrypt(d, [|false|]);
            byte[] D(RSA rsa, byte[] d) { var padding = RSAEncryptionPadding.Pkcs1; return rsa.Encrypt(d, [|padding|]); }
            object E(RSA rsa) => [|new RSAPKCS1KeyExchangeFormatter(rsa)|];
        }
        """);

    [Fact]
    public Task OaepEncryption_DoesNotReport() => Verify.AnalyzerAsync<RsaWithoutOaepAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(RSA rsa, byte[] d) => rsa.Encrypt(d, RSAEncryptionPadding.OaepSHA256);
            byte[] B(RSACryptoServiceProvider rsa, byte[] d) => rsa.Encrypt(d, true);
        }
        """);

    [Fact]
    public Task Pkcs1Signature_DoesNotReport() => Verify.AnalyzerAsync<RsaWithoutOaepAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(RSA rsa, byte[] d) => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            byte[] B(RSA rsa, byte[] d) => rsa.Decrypt(d, RSAEncryptionPadding.Pkcs1);
        }
        """);

    [Fact]
    public Task Pkcs1Padding_Fixes() => Verify.CodeFixAsync<RsaWithoutOaepAnalyzer, RsaWithoutOaepCodeFix>("""
        using System.Security.Cryptography;
        class C { byte[] A(RSA rsa, byte[] d) => rsa.Encrypt(d, [|RSAEncryptionPadding.Pkcs1|]); }
        """, """
        using System.Security.Cryptography;
        class C { byte[] A(RSA rsa, byte[] d) => rsa.Encrypt(d, RSAEncryptionPadding.OaepSHA256); }
        """);

    [Fact]
    public Task FalseOaepFlag_Fixes() => Verify.CodeFixAsync<RsaWithoutOaepAnalyzer, RsaWithoutOaepCodeFix>("""
        using System.Security.Cryptography;
        class C { byte[] A(RSACryptoServiceProvider rsa, byte[] d) => rsa.Encrypt(d, [|false|]); }
        """, """
        using System.Security.Cryptography;
        class C { byte[] A(RSACryptoServiceProvider rsa, byte[] d) => rsa.Encrypt(d, true); }
        """);
}
