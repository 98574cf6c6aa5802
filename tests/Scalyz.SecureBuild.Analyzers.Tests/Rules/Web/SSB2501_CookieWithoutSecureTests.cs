using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.CodeFixes.Rules.Web;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2501_CookieWithoutSecureTests
{
    [Fact]
    public Task OptionsWithoutSecureOrSetFalse_Reports() => Verify.AnalyzerAsync<CookieAnalyzer>("""
        using Microsoft.AspNetCore.Http;
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("session", "v", {|SSB2501:new CookieOptions { HttpOnly = true }|});
                var options = new CookieOptions { HttpOnly = true, Secure = true };
                options.Secure = {|SSB2501:false|};
            }
        }
        """);

    [Fact]
    public Task PolicyNone_Reports() => Verify.AnalyzerAsync<CookieAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        class C
        {
            void M(CookieBuilder cookie, CookiePolicyOptions policy)
            {
                cookie.SecurePolicy = {|SSB2501:CookieSecurePolicy.None|};
                policy.Secure = {|SSB2501:CookieSecurePolicy.None|};
            }
        }
        """);

    [Fact]
    public Task ClassicCookieWithoutSecure_Reports() => Verify.AnalyzerAsync<CookieAnalyzer>("""
        using System.Web;
        class C { void M(HttpResponse response) => response.Cookies.Add({|SSB2501:new HttpCookie("id", "1") { HttpOnly = true }|}); }
        """, StandIns.SystemWeb);

    [Fact]
    public Task SecureSetLaterOrAlways_DoesNotReport() => Verify.AnalyzerAsync<CookieAnalyzer>("""
        using Microsoft.AspNetCore.Http;
        class C
        {
            CookieOptions Field = new CookieOptions();
            void M(HttpResponse response, CookieBuilder cookie)
            {
                var options = new CookieOptions();
                options.Secure = true;
                options.HttpOnly = true;
                response.Cookies.Append("a", "b", options);
                cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        }
        """);

    [Fact]
    public Task MissingSecure_FixAddsIt() => Verify.CodeFixAsync<CookieAnalyzer, CookieCodeFix>("""
        using Microsoft.AspNetCore.Http;
        class C { void M(HttpResponse r) => r.Cookies.Append("a", "b", new CookieOptions { HttpOnly = true }); }
        """, """
        using Microsoft.AspNetCore.Http;
        class C { void M(HttpResponse r) => r.Cookies.Append("a", "b", new CookieOptions { HttpOnly = true, Secure = true }); }
        """);

    [Fact]
    public Task SecureFalse_FixSetsTrue() => Verify.CodeFixAsync<CookieAnalyzer, CookieCodeFix>("""
        using Microsoft.AspNetCore.Http;
        class C { void M(CookieOptions o) { o.Secure = false; } }
        """, """
        using Microsoft.AspNetCore.Http;
        class C { void M(CookieOptions o) { o.Secure = true; } }
        """);
}
