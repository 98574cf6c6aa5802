using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2006_WeakKeySizeTests
{
    [Fact]
    public Task SmallKeys_Report() => Verify.AnalyzerAsync<WeakKeySizeAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            const int Bits = 1024;
            RSA A() => RSA.Create([|1024|]);
            RSA B() => new RSACryptoServiceProvider([|Bits|]);
            RSA D() => [|new RSACryptoServiceProvider()|];
            void E(RSA rsa) { rsa.KeySize = [|512|]; }
            DSA F() => DSA.Create([|1024|]);
            ECDsa G() => ECDsa.Create([|ECCurve.NamedCurves.brainpoolP160r1|]);
        }
        """);

    [Fact]
    public Task StrongKeys_DoNotReport() => Verify.AnalyzerAsync<WeakKeySizeAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            RSA A() => RSA.Create(3072);
            RSA B() => RSA.Create();
            void E(RSA rsa) { rsa.KeySize = 2048; }
            ECDsa G() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
            ECDsa H() => ECDsa.Create(ECCurve.NamedCurves.brainpoolP384t1);
        }
        """);

    [Fact]
    public Task KeySizeFromConfiguration_DoesNotReport() => Verify.AnalyzerAsync<WeakKeySizeAnalyzer>("""
        using System.Security.Cryptography;
        class C { RSA A(int configured) => RSA.Create(configured); }
        """);
}
