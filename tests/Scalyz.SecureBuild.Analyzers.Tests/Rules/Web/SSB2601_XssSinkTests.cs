using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2601_XssSinkTests
{
    [Fact]
    public Task RawHtmlFromNonConstantText_Reports() => Verify.AnalyzerAsync<XssSinkAnalyzer>("""
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Html;
        using Microsoft.AspNetCore.Mvc.Rendering;
        class C
        {
            void M(IHtmlHelper html, string bio, string name)
            {
                html.Raw([|bio|]);
                var h = new HtmlString([|"<b>" + name + "</b>"|]);
                var m = new MarkupString([|bio|]);
                MarkupString cast = (MarkupString)[|name|];
            }
        }
        """);

    [Fact]
    public Task RequestDataWrittenToResponse_Reports() => Verify.AnalyzerAsync<XssSinkAnalyzer>("""
        using Microsoft.AspNetCore.Http;
        class C { async System.Threading.Tasks.Task M(HttpContext context) => await context.Response.WriteAsync([|"Hello " + context.Request.Query["name"]|]); }
        """);

    [Fact]
    public Task ClassicResponseWrite_Reports() => Verify.AnalyzerAsync<XssSinkAnalyzer>("""
        using System.Web;
        class C { void M(HttpRequest request, HttpResponse response) => response.Write([|request.QueryString["q"]|]); }
        """, StandIns.SystemWeb);

    [Fact]
    public Task ConstantOrEncoded_DoesNotReport() => Verify.AnalyzerAsync<XssSinkAnalyzer>("""
        using System.Text.Encodings.Web;
        using Microsoft.AspNetCore.Html;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc.Rendering;
        class C
        {
            const string Banner = "<b>beta</b>";
            async System.Threading.Tasks.Task M(IHtmlHelper html, string name, int count, HttpContext context)
            {
                html.Raw("<br/>");
                html.Raw(Banner);
                html.Raw(count);
                var h = new HtmlString("<b>" + HtmlEncoder.Default.Encode(name) + "</b>");
                await context.Response.WriteAsync("Hello " + name);
            }
        }
        """);

    [Fact]
    public Task DynamicViewBagValue_Reports() => Verify.AnalyzerAsync<XssSinkAnalyzer>("""
        using Microsoft.AspNetCore.Mvc.Rendering;
        class C { object M(IHtmlHelper html, dynamic viewBag) => html.Raw([|viewBag.Message|]); }
        """);

    [Fact]
    public Task StringBuilderOfEncodedParts_DoesNotReport() => Verify.AnalyzerAsync<XssSinkAnalyzer>("""
        using System.Text;
        using System.Text.Encodings.Web;
        using Microsoft.AspNetCore.Components;
        class C
        {
            MarkupString M(string text, string src)
            {
                var html = new StringBuilder();
                html.Append(HtmlEncoder.Default.Encode(text));
                html.Append($"<img src=\"{HtmlEncoder.Default.Encode(src)}\" />");
                return new MarkupString(html.ToString());
            }
        }
        """);

    [Fact]
    public Task StringBuilderWithRawPart_Reports() => Verify.AnalyzerAsync<XssSinkAnalyzer>("""
        using System.Text;
        using Microsoft.AspNetCore.Components;
        class C
        {
            MarkupString M(string text)
            {
                var html = new StringBuilder("<p>");
                html.Append(text).Append("</p>");
                return new MarkupString([|html.ToString()|]);
            }
        }
        """);
}
