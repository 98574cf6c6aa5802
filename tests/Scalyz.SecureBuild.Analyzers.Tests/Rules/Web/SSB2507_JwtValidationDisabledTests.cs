using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.CodeFixes.Rules.Web;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2507_JwtValidationDisabledTests
{
    [Fact]
    public Task ChecksSetFalse_Reports() => Verify.AnalyzerAsync<JwtValidationAnalyzer>("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M()
            {
                var p = new TokenValidationParameters { ValidateIssuer = [|false|], ValidateAudience = [|false|], ValidIssuer = "me" };
                const bool off = false;
                p.ValidateLifetime = [|off|];
                p.RequireSignedTokens = [|false|];
                return p;
            }
        }
        """, StandIns.IdentityModel);

    [Fact]
    public Task ChecksTrueOrFromConfiguration_DoNotReport() => Verify.AnalyzerAsync<JwtValidationAnalyzer>("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(bool validateAudience) => new TokenValidationParameters { ValidateIssuer = true, ValidateAudience = validateAudience, ValidateIssuerSigningKey = true };
        }
        """, StandIns.IdentityModel);

    [Fact]
    public Task False_FixesToTrue() => Verify.CodeFixAsync<JwtValidationAnalyzer, JwtValidationCodeFix>("""
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters M() => new TokenValidationParameters { ValidateLifetime = false }; }
        """, """
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters M() => new TokenValidationParameters { ValidateLifetime = true }; }
        """, StandIns.IdentityModel);
}
