using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Crypto;

public sealed class SSB2011_GuidAsSecretTests
{
    [Fact]
    public Task GuidAsTokenOrKey_Reports() => Verify.AnalyzerAsync<GuidAsSecretAnalyzer>("""
        using System;
        class User { public string PasswordResetToken { get; set; } = ""; public string ApiKey { get; set; } = ""; }
        class C
        {
            void A(User u) { u.PasswordResetToken = [|Guid.NewGuid()|].ToString("N"); }
            User B() => new User { ApiKey = [|Guid.NewGuid()|].ToString() };
            string CreateApiKey() => [|Guid.NewGuid()|].ToString("N");
            void D() { var csrfToken = $"{[|Guid.NewGuid()|]:N}"; }
        }
        """);

    [Fact]
    public Task GuidAsIdentifier_DoesNotReport() => Verify.AnalyzerAsync<GuidAsSecretAnalyzer>("""
        using System;
        class C
        {
            void A() { var orderId = Guid.NewGuid(); var correlation = Guid.NewGuid().ToString(); }
            Guid NewSessionId() => Guid.NewGuid();
            void B() { var tokenId = Guid.NewGuid(); }
        }
        """);

    [Fact]
    public Task GuidStringAsToken_FixesWithRandomBytes() => Verify.CodeFixAsync<GuidAsSecretAnalyzer, GuidAsSecretCodeFix>("""
        using System;
        class C { string CreateApiKey() => [|Guid.NewGuid()|].ToString("N"); }
        """, """
        using System;
        using System.Security.Cryptography;

        class C { string CreateApiKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)); }
        """);
}
