using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2002_WeakCipherTests
{
    [Fact]
    public Task DesTripleDesRc2_Report() => Verify.AnalyzerAsync<WeakCipherAnalyzer>("""
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C
        {
            SymmetricAlgorithm A() => [|DES.Create()|];
            SymmetricAlgorithm B() => [|TripleDES.Create()|];
            SymmetricAlgorithm D() => [|RC2.Create()|];
            SymmetricAlgorithm E() => [|new DESCryptoServiceProvider()|];
            SymmetricAlgorithm F() => [|new TripleDESCryptoServiceProvider()|];
        }
        """);

    [Fact]
    public Task CreateByConstantName_Reports() => Verify.AnalyzerAsync<WeakCipherAnalyzer>("""
        using System.Security.Cryptography;
        class C { object? A() => [|CryptoConfig.CreateFromName("TripleDES")|]; }
        """);

    [Fact]
    public Task ThirdPartyRc4_Reports() => Verify.AnalyzerAsync<WeakCipherAnalyzer>("""
        class C { object A() => [|new Org.BouncyCastle.Crypto.Engines.RC4Engine()|]; }
        """, "namespace Org.BouncyCastle.Crypto.Engines { public class RC4Engine { } }");

    [Fact]
    public Task Aes_DoesNotReport() => Verify.AnalyzerAsync<WeakCipherAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            SymmetricAlgorithm A() => Aes.Create();
            object? B() => CryptoConfig.CreateFromName("AES");
            AesGcm G(byte[] k) => new AesGcm(k, 16);
        }
        """);

    [Fact]
    public Task NameThatOnlyContainsDes_DoesNotReport() => Verify.AnalyzerAsync<WeakCipherAnalyzer>("""
        using System.Security.Cryptography;
        class C { object? A() => CryptoConfig.CreateFromName("DESIGNER"); }
        """);

    [Fact]
    public Task TripleDesFactory_Fixes() => Verify.CodeFixAsync<WeakCipherAnalyzer, WeakCipherCodeFix>("""
        using System.Security.Cryptography;
        class C { byte[] E(byte[] d) { using var cipher = [|TripleDES.Create()|]; return cipher.EncryptCbc(d, cipher.IV); } }
        """, """
        using System.Security.Cryptography;
        class C { byte[] E(byte[] d) { using var cipher = Aes.Create(); return cipher.EncryptCbc(d, cipher.IV); } }
        """);

    [Fact]
    public Task DesWithoutUsing_FixesAndAddsUsing() => Verify.CodeFixAsync<WeakCipherAnalyzer, WeakCipherCodeFix>("""
        class C { System.IDisposable E() => [|System.Security.Cryptography.DES.Create()|]; }
        """, """
        using System.Security.Cryptography;

        class C { System.IDisposable E() => Aes.Create(); }
        """);
}
