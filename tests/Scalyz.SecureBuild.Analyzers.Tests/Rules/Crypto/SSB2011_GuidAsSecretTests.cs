using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

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
}
