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

    // As SecurityCodeScan SCS0016 and CA5391: a state-changing action of a view controller needs antiforgery validation.
    [Fact]
    public Task StateChangingActionWithoutValidation_Reports() => Verify.AnalyzerAsync<AntiforgeryDisabledAnalyzer>("""
        using Microsoft.AspNetCore.Mvc;
        public class ProfileController : Controller
        {
            [HttpPost] public IActionResult [|Update|](string email) => Ok();
            [HttpDelete] public IActionResult [|Remove|](int id) => Ok();
            [HttpPut, HttpPatch] public IActionResult [|Save|](string theme) => Ok();
            [HttpGet] public IActionResult Index() => View();
            [HttpPost, ValidateAntiForgeryToken] public IActionResult Checked(string email) => Ok();
        }
        """);

    [Fact]
    public Task ApiControllerValidatedBaseOrPageModel_DoesNotReport() => Verify.AnalyzerAsync<AntiforgeryDisabledAnalyzer>("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        [ApiController] public class ItemsController : ControllerBase { [HttpPost] public IActionResult Add(int id) => Ok(); }
        [ApiController] public class ViewsApiController : Controller { [HttpPost] public IActionResult Add(int id) => Ok(); }
        [AutoValidateAntiforgeryToken] public abstract class AppController : Controller { }
        public class CartController : AppController { [HttpPost] public IActionResult Add(int id) => Ok(); }
        public class TransferModel : PageModel { public void OnPost(decimal amount) { } }
        """);

    [Fact]
    public Task GlobalValidationFilter_DoesNotReport() => Verify.AnalyzerAsync<AntiforgeryDisabledAnalyzer>("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        public class ProfileController : Controller { [HttpPost] public IActionResult Update(string email) => Ok(); }
        class Startup
        {
            void M(IServiceCollection services) => services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        }
        """);

    [Fact]
    public Task GlobalValidationFilterByType_DoesNotReport() => Verify.AnalyzerAsync<AntiforgeryDisabledAnalyzer>("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        public class ProfileController : Controller { [HttpPost] public IActionResult Update(string email) => Ok(); }
        class Startup
        {
            void M(IServiceCollection services) => services.AddMvc(o => o.Filters.Add<AutoValidateAntiforgeryTokenAttribute>());
            void N(IServiceCollection services) => services.AddMvc(o => o.Filters.Add(typeof(AutoValidateAntiforgeryTokenAttribute)));
        }
        """);
}
