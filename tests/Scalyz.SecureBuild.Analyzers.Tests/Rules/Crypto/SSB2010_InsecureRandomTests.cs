using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2010_InsecureRandomTests
{
    [Fact]
    public Task RandomIntoSecurityValues_Reports() => Verify.AnalyzerAsync<InsecureRandomAnalyzer>("""
        using System;
        class C
        {
            readonly Random _random = new();
            string Token { get; set; } = "";
            void A() { var resetToken = [|_random.Next(100000, 999999)|].ToString(); }
            void B() { var salt = new byte[16]; [|_random.NextBytes(salt)|]; }
            int GenerateOtp() => [|Random.Shared.Next(1_000_000)|];
            void D() { Token = Convert.ToBase64String(BitConverter.GetBytes([|_random.NextInt64()|])); }
            string NewPassword()
            {
                const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
                var buffer = new char[12];
                for (var i = 0; i < buffer.Length; i++) buffer[i] = chars[[|_random.Next(chars.Length)|]];
                return new string(buffer);
            }
        }
        """);

    [Fact]
    public Task RandomForNonSecurityUse_DoesNotReport() => Verify.AnalyzerAsync<InsecureRandomAnalyzer>("""
        using System;
        class C
        {
            readonly Random _random = new();
            int RollDice() => _random.Next(1, 7);
            TimeSpan RetryJitter() => TimeSpan.FromMilliseconds(_random.Next(100, 500));
            void Shuffle(int[] cards) { var index = _random.Next(cards.Length); }
        }
        """);

    [Fact]
    public Task NameContainingKeyInsideAnotherWord_DoesNotReport() => Verify.AnalyzerAsync<InsecureRandomAnalyzer>("""
        using System;
        class C { void A(Random r) { var monkeyCount = r.Next(10); var keyboardLayout = r.Next(3); var cacheKey = r.Next(); var partitionKey = r.Next(8); } }
        """);

    [Fact]
    public Task SecureGenerator_DoesNotReport() => Verify.AnalyzerAsync<InsecureRandomAnalyzer>("""
        using System.Security.Cryptography;
        class C { int GenerateOtp() => RandomNumberGenerator.GetInt32(1_000_000); }
        """);

    [Fact]
    public Task NextWithRange_FixesAndAddsUsing() => Verify.CodeFixAsync<InsecureRandomAnalyzer, InsecureRandomCodeFix>("""
        using System;
        class C { string NewResetCode(Random random) => [|random.Next(100000, 1000000)|].ToString(); }
        """, """
        using System;
        using System.Security.Cryptography;

        class C { string NewResetCode(Random random) => RandomNumberGenerator.GetInt32(100000, 1000000).ToString(); }
        """);

    [Fact]
    public Task NextBytes_Fixes() => Verify.CodeFixAsync<InsecureRandomAnalyzer, InsecureRandomCodeFix>("""
        using System;
        using System.Security.Cryptography;
        class C { void M() { var salt = new byte[16]; [|Random.Shared.NextBytes(salt)|]; } }
        """, """
        using System;
        using System.Security.Cryptography;
        class C { void M() { var salt = new byte[16]; RandomNumberGenerator.Fill(salt); } }
        """);
}
