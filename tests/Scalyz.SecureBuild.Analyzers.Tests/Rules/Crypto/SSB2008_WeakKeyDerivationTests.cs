using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2008_WeakKeyDerivationTests
{
    internal const string KeyDerivationStandIn = """
        namespace Microsoft.AspNetCore.Cryptography.KeyDerivation
        {
            public enum KeyDerivationPrf { HMACSHA1, HMACSHA256, HMACSHA512 }
            public static class KeyDerivation
            {
                public static byte[] Pbkdf2(string password, byte[] salt, KeyDerivationPrf prf, int iterationCount, int numBytesRequested) => new byte[numBytesRequested];
            }
        }
        """;

    [Fact]
    public Task FewIterationsOrSha1_Report() => Verify.AnalyzerAsync<WeakKeyDerivationAnalyzer>("""
        #pragma warning disable SYSLIB0041, SYSLIB0060
        using System.Security.Cryptography;
        class C
        {
            const int Iterations = 10_000;
            byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, [|1000|], HashAlgorithmName.SHA256, 32);
            byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, [|HashAlgorithmName.SHA1|], 32);
            DeriveBytes D(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, [|Iterations|], HashAlgorithmName.SHA256);
            DeriveBytes E(string p, byte[] s) => [|new Rfc2898DeriveBytes(p, s)|];
            DeriveBytes F(string p, byte[] s) => [|new Rfc2898DeriveBytes(p, s, 600_000)|];
            void G(Rfc2898DeriveBytes kdf) { kdf.IterationCount = [|5000|]; }
        }
        """);

    [Fact]
    public Task AspNetCoreKeyDerivation_Reports() => Verify.AnalyzerAsync<WeakKeyDerivationAnalyzer>("""
        using Microsoft.AspNetCore.Cryptography.KeyDerivation;
        class C
        {
            byte[] A(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, [|KeyDerivationPrf.HMACSHA1|], 600_000, 32);
            byte[] B(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA256, [|10_000|], 32);
            byte[] D(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA512, 210_000, 64);
        }
        """, KeyDerivationStandIn);

    [Fact]
    public Task StrongSettings_DoNotReport() => Verify.AnalyzerAsync<WeakKeyDerivationAnalyzer>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32);
            byte[] B(string p, byte[] s, int configured) => Rfc2898DeriveBytes.Pbkdf2(p, s, configured, HashAlgorithmName.SHA512, 64);
        }
        """);

    [Fact]
    public Task LowIterationLiteral_Fixes() => Verify.CodeFixAsync<WeakKeyDerivationAnalyzer, WeakKeyDerivationCodeFix>("""
        using System.Security.Cryptography;
        class C { byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, [|1000|], HashAlgorithmName.SHA256, 32); }
        """, """
        using System.Security.Cryptography;
        class C { byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32); }
        """);

    [Fact]
    public Task Sha1Prf_Fixes() => Verify.CodeFixAsync<WeakKeyDerivationAnalyzer, WeakKeyDerivationCodeFix>("""
        using System.Security.Cryptography;
        class C { byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, [|HashAlgorithmName.SHA1|], 32); }
        """, """
        using System.Security.Cryptography;
        class C { byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32); }
        """);

    [Fact]
    public Task ConstructorDefaults_FixesBySpellingOutStrongSettings() => Verify.CodeFixAsync<WeakKeyDerivationAnalyzer, WeakKeyDerivationCodeFix>("""
        #pragma warning disable SYSLIB0041, SYSLIB0060
        using System.Security.Cryptography;
        class C { DeriveBytes A(string p, byte[] s) => [|new Rfc2898DeriveBytes(p, s)|]; }
        """, """
        #pragma warning disable SYSLIB0041, SYSLIB0060
        using System.Security.Cryptography;
        class C { DeriveBytes A(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, 600_000, HashAlgorithmName.SHA256); }
        """);
}
