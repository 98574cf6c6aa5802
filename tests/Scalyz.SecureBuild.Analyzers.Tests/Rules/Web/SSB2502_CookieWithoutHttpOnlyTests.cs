using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.CodeFixes.Rules.Web;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2502_CookieWithoutHttpOnlyTests
{
    [Fact]
    public Task OptionsWithoutHttpOnlyOrSetFalse_Reports() => Verify.AnalyzerAsync<CookieAnalyzer>("""
        using Microsoft.AspNetCore.Http;
        class C
        {
            void M(HttpResponse response, CookieBuilder builder)
            {
                response.Cookies.Append("session", "v", {|SSB2502:new CookieOptions { Secure = true }|});
                builder.HttpOnly = {|SSB2502:false|};
            }
        }
        """);

    [Fact]
    public async Task BothMissing_ReportsBoth()
    {
        var diagnostics = await Verify.DiagnosticsAsync(new CookieAnalyzer(), """
            using Microsoft.AspNetCore.Http;
            class C { void M(HttpResponse response) => response.Cookies.Append("a", "b", new CookieOptions()); }
            """);

        Assert.Equal(["SSB2501", "SSB2502"], diagnostics.Select(d => d.Id).Order());
        Assert.All(diagnostics, d => Assert.Equal("new CookieOptions()", d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
    }

    [Fact]
    public Task HttpOnlyTrue_DoesNotReport() => Verify.AnalyzerAsync<CookieAnalyzer>("""
        using Microsoft.AspNetCore.Http;
        class C { void M(HttpResponse response, CookieBuilder builder) { response.Cookies.Append("a", "b", new CookieOptions { Secure = true, HttpOnly = true }); builder.HttpOnly = true; } }
        """);

    [Fact]
    public Task MissingHttpOnlyWithoutInitializer_FixAddsInitializer() => Verify.CodeFixAsync<CookieAnalyzer, CookieCodeFix>("""
        using Microsoft.AspNetCore.Http;
        class C { void M(HttpResponse r) { var o = new CookieOptions(); o.Secure = true; r.Cookies.Append("a", "b", o); } }
        """, """
        using Microsoft.AspNetCore.Http;
        class C { void M(HttpResponse r) { var o = new CookieOptions() { HttpOnly = true }; o.Secure = true; r.Cookies.Append("a", "b", o); } }
        """);
}
