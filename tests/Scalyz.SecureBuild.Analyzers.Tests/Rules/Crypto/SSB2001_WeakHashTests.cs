using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2001_WeakHashTests
{
    [Fact]
    public Task FactoryAndOneShotCalls_Report() => Verify.AnalyzerAsync<WeakHashAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(byte[] d) { using var h = [|MD5.Create()|]; return h.ComputeHash(d); }
            byte[] B(byte[] d) => [|SHA1.HashData(d)|];
            byte[] C1(byte[] k, byte[] d) => [|HMACSHA1.HashData(k, d)|];
            byte[] D(byte[] k, byte[] d) { using var h = [|new HMACMD5(k)|]; return h.ComputeHash(d); }
        }
        """);

    [Fact]
    public Task LegacyProviderClasses_Report() => Verify.AnalyzerAsync<WeakHashAnalyzer>("""
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C
        {
            HashAlgorithm A() => [|new SHA1Managed()|];
            HashAlgorithm B() => [|new MD5CryptoServiceProvider()|];
        }
        """);

    [Fact]
    public Task IncrementalHashAndSignatureWithWeakName_ReportTheName() => Verify.AnalyzerAsync<WeakHashAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            IncrementalHash A() => IncrementalHash.CreateHash([|HashAlgorithmName.MD5|]);
            IncrementalHash B(byte[] k) { var name = HashAlgorithmName.SHA1; return IncrementalHash.CreateHMAC([|name|], k); }
            byte[] S(RSA rsa, byte[] d) => rsa.SignData(d, [|HashAlgorithmName.SHA1|], RSASignaturePadding.Pkcs1);
        }
        """);

    [Fact]
    public Task CreateByName_Reports() => Verify.AnalyzerAsync<WeakHashAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            const string Algorithm = "SHA1";
            object? A() => [|CryptoConfig.CreateFromName(Algorithm)|];
        }
        """);

    [Fact]
    public Task StrongHashes_DoNotReport() => Verify.AnalyzerAsync<WeakHashAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(byte[] d) => SHA256.HashData(d);
            IncrementalHash B() => IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            byte[] V(RSA rsa, byte[] d) => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            object? D() => CryptoConfig.CreateFromName("SHA256");
        }
        """);

    [Fact]
    public Task HashForETagOrChecksum_DoesNotReport() => Verify.AnalyzerAsync<WeakHashAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            string ComputeETag(byte[] body) => System.Convert.ToHexString(MD5.HashData(body));
            void M(byte[] file) { var checksum = SHA1.HashData(file); }
        }
        """);

    [Fact]
    public Task VerifyingALegacySignature_DoesNotReport() => Verify.AnalyzerAsync<WeakHashAnalyzer>("""
        using System.Security.Cryptography;
        class C { bool V(RSA rsa, byte[] d, byte[] s) => rsa.VerifyData(d, s, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1); }
        """);

    [Fact]
    public Task OneShotMd5_Fixes() => Verify.CodeFixAsync<WeakHashAnalyzer, WeakHashCodeFix>("""
        using System.Security.Cryptography;
        class C { byte[] H(byte[] d) => [|MD5.HashData(d)|]; }
        """, """
        using System.Security.Cryptography;
        class C { byte[] H(byte[] d) => SHA256.HashData(d); }
        """);

    [Fact]
    public Task HmacSha1Creation_Fixes() => Verify.CodeFixAsync<WeakHashAnalyzer, WeakHashCodeFix>("""
        using System.Security.Cryptography;
        class C { HMAC H(byte[] k) => [|new HMACSHA1(k)|]; }
        """, """
        using System.Security.Cryptography;
        class C { HMAC H(byte[] k) => new HMACSHA256(k); }
        """);

    [Fact]
    public Task LegacyProviderAndAlgorithmName_Fixes() => Verify.CodeFixAsync<WeakHashAnalyzer, WeakHashCodeFix>("""
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C { HashAlgorithm H() => [|new SHA1Managed()|]; }
        """, """
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C { HashAlgorithm H() => SHA256.Create(); }
        """);

    [Fact]
    public Task IncrementalHashName_Fixes() => Verify.CodeFixAsync<WeakHashAnalyzer, WeakHashCodeFix>("""
        using System.Security.Cryptography;
        class C { IncrementalHash H() => IncrementalHash.CreateHash([|HashAlgorithmName.SHA1|]); }
        """, """
        using System.Security.Cryptography;
        class C { IncrementalHash H() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256); }
        """);

    [Fact]
    public async Task ExplicitlyTypedMd5Variable_OffersNoFixThatBreaksTheBuild()
    {
        var error = await Record.ExceptionAsync(() => Verify.CodeFixAsync<WeakHashAnalyzer, WeakHashCodeFix>("""
            using System.Security.Cryptography;
            class C { void M() { MD5 md5 = [|MD5.Create()|]; } }
            """, ""));
        Assert.IsType<Xunit.Sdk.NotEmptyException>(error);
    }
}
