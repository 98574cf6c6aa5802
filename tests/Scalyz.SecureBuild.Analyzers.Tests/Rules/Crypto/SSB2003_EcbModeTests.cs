using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2003_EcbModeTests
{
    [Fact]
    public Task EcbAssignedDirectlyInInitializerOrThroughLocal_Reports() => Verify.AnalyzerAsync<EcbModeAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            void A() { var aes = Aes.Create(); aes.Mode = [|CipherMode.ECB|]; }
            void B() { var mode = CipherMode.ECB; using var aes = Aes.Create(); aes.Mode = [|mode|]; }
            SymmetricAlgorithm D() => new AesCng { Mode = [|CipherMode.ECB|] };
            static CipherMode Chosen() => CipherMode.ECB;
            void E() { var aes = Aes.Create(); aes.Mode = [|Chosen()|]; }
        }
        """);

    [Fact]
    public Task OneShotEcb_Reports() => Verify.AnalyzerAsync<EcbModeAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(Aes aes, byte[] d) => [|aes.EncryptEcb(d, PaddingMode.PKCS7)|];
            byte[] B(Aes aes, byte[] d) => [|aes.DecryptEcb(d, PaddingMode.PKCS7)|];
        }
        """);

    [Fact]
    public Task CbcAndGcm_DoNotReport() => Verify.AnalyzerAsync<EcbModeAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            void A() { var aes = Aes.Create(); aes.Mode = CipherMode.CBC; }
            byte[] B(Aes aes, byte[] d, byte[] iv) => aes.EncryptCbc(d, iv);
        }
        """);

    [Fact]
    public Task LocalReassignedBeforeUse_DoesNotReport() => Verify.AnalyzerAsync<EcbModeAnalyzer>("""
        using System.Security.Cryptography;
        class C { void A(bool b) { var mode = CipherMode.ECB; if (b) mode = CipherMode.CBC; var aes = Aes.Create(); aes.Mode = mode; } }
        """);
}
