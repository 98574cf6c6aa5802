using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2009_LegacyCryptoTypeTests
{
    [Fact]
    public Task ObsoleteClasses_Report() => Verify.AnalyzerAsync<LegacyCryptoTypeAnalyzer>("""
        #pragma warning disable SYSLIB0021, SYSLIB0022, SYSLIB0023, SYSLIB0041
        using System.Security.Cryptography;
        class C
        {
            SymmetricAlgorithm A() => [|new AesManaged()|];
            SymmetricAlgorithm B() => [|new RijndaelManaged()|];
            SymmetricAlgorithm D() => [|Rijndael.Create()|];
            HashAlgorithm E() => [|new SHA256Managed()|];
            RandomNumberGenerator F() => [|new RNGCryptoServiceProvider()|];
            DeriveBytes G(string p, byte[] s) => [|new PasswordDeriveBytes(p, s)|];
        }
        """);

    [Fact]
    public Task ModernFactories_DoNotReport() => Verify.AnalyzerAsync<LegacyCryptoTypeAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            SymmetricAlgorithm A() => Aes.Create();
            HashAlgorithm E() => SHA256.Create();
            RandomNumberGenerator F() => RandomNumberGenerator.Create();
        }
        """);

    [Fact]
    public Task OwnClassWithLegacyName_DoesNotReport() => Verify.AnalyzerAsync<LegacyCryptoTypeAnalyzer>("""
        class AesManaged { }
        class C { object A() => new AesManaged(); }
        """);

    [Fact]
    public Task AesManaged_Fixes() => Verify.CodeFixAsync<LegacyCryptoTypeAnalyzer, LegacyCryptoTypeCodeFix>("""
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C { SymmetricAlgorithm A() => [|new AesManaged()|]; }
        """, """
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C { SymmetricAlgorithm A() => Aes.Create(); }
        """);
}
