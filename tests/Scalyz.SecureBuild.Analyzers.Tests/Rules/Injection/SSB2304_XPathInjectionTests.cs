using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Injection;

public sealed class SSB2304_XPathInjectionTests
{
    [Fact]
    public Task ExpressionFromInput_Reports() => Verify.AnalyzerAsync<XPathInjectionAnalyzer>("""
        using System.Xml;
        using System.Xml.Linq;
        using System.Xml.XPath;
        class C
        {
            void M(XmlDocument doc, XDocument x, XPathNavigator nav, string user)
            {
                doc.SelectSingleNode([|"//user[@name='" + user + "']"|]);
                x.XPathSelectElements([|$"//user[@name='{user}']"|]);
                nav.Evaluate([|string.Format("count(//u[@n='{0}'])", user)|]);
            }
        }
        """);

    [Fact]
    public Task ConstantExpression_DoesNotReport() => Verify.AnalyzerAsync<XPathInjectionAnalyzer>("""
        using System.Xml;
        class C
        {
            const string Root = "//users";
            void M(XmlDocument doc, int id, string path)
            {
                doc.SelectNodes(Root + "/user");
                doc.SelectNodes($"//user[@id={id}]");
                doc.SelectNodes(path);
            }
        }
        """);
}
