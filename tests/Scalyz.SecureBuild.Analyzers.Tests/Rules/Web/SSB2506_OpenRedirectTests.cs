using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2506_OpenRedirectTests
{
    [Fact]
    public Task RedirectToActionParameterOrQuery_Reports() => Verify.AnalyzerAsync<OpenRedirectAnalyzer>("""
        using Microsoft.AspNetCore.Mvc;
        public class AccountController : Controller
        {
            public IActionResult Login(string returnUrl) => Redirect([|returnUrl|]);
            public IActionResult Back() => new RedirectResult([|Request.Query["next"].ToString()|]);
            public void Go() => Response.Redirect([|Request.Query["to"]|]);
        }
        """);

    [Fact]
    public Task MinimalApiParameter_Reports() => Verify.AnalyzerAsync<OpenRedirectAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        class C { void M(WebApplication app) => app.MapGet("/go", (string to) => Results.Redirect([|to|])); }
        """);

    [Fact]
    public Task CheckedLocalOrConstant_DoesNotReport() => Verify.AnalyzerAsync<OpenRedirectAnalyzer>("""
        using Microsoft.AspNetCore.Mvc;
        public class AccountController : Controller
        {
            public IActionResult Login(string returnUrl) => Url.IsLocalUrl(returnUrl) ? Redirect(returnUrl) : Redirect("/");
            public IActionResult Done(string returnUrl) => LocalRedirect(returnUrl);
            public IActionResult Checked(string returnUrl)
            {
                if (!returnUrl.StartsWith("/app/")) { return BadRequest(); }
                return Redirect(returnUrl);
            }
            private IActionResult Helper(string url) => Redirect(url);
        }
        """);
}
