using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2505_RequestValidationDisabledTests
{
    [Fact]
    public Task ValidateInputFalseAllowHtmlAndUnvalidated_Reports() => Verify.AnalyzerAsync<RequestValidationDisabledAnalyzer>("""
        using System.Web.Mvc;
        public class Post { [[|AllowHtml|]] public string Body { get; set; } = ""; }
        public class BlogController : Controller
        {
            [[|ValidateInput(false)|]]
            public void Save() { var raw = [|Request.Unvalidated|].Form["body"]; }
        }
        """, StandIns.SystemWeb);

    [Fact]
    public Task ValidateInputTrue_DoesNotReport() => Verify.AnalyzerAsync<RequestValidationDisabledAnalyzer>("""
        using System.Web.Mvc;
        public class BlogController : Controller { [ValidateInput(true)] public void Save() { var v = Request.Form["body"]; } }
        """, StandIns.SystemWeb);
}
