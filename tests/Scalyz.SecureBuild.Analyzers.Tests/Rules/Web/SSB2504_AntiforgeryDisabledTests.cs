using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2504_AntiforgeryDisabledTests
{
    [Fact]
    public Task IgnoreAttributeFilterAndEndpoint_Reports() => Verify.AnalyzerAsync<AntiforgeryDisabledAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        [[|IgnoreAntiforgeryToken|]]
        public class AccountController : Controller { }
        class Startup
        {
            void M(IServiceCollection services, WebApplication app)
            {
                services.AddControllersWithViews(o => o.Filters.Add([|new IgnoreAntiforgeryTokenAttribute()|]));
                [|app.MapPost("/transfer", () => "ok").DisableAntiforgery()|];
            }
        }
        """);

    [Fact]
    public Task ValidateAttribute_DoesNotReport() => Verify.AnalyzerAsync<AntiforgeryDisabledAnalyzer>("""
        using Microsoft.AspNetCore.Mvc;
        [AutoValidateAntiforgeryToken]
        public class AccountController : Controller { [ValidateAntiForgeryToken] public IActionResult Post() => Ok(); }
        """);
}
