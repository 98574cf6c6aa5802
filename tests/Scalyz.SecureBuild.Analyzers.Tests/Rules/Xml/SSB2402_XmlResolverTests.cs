using Scalyz.SecureBuild.Analyzers.Rules.Xml;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.CodeFixes.Rules.Xml;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Xml;

public sealed class SSB2402_XmlResolverTests
{
    [Fact]
    public Task UrlResolverOnDocumentAndSettings_Reports() => Verify.AnalyzerAsync<XmlResolverAnalyzer>("""
        using System.Xml;
        class C
        {
            void M(XmlResolver custom)
            {
                var doc = new XmlDocument { XmlResolver = [|new XmlUrlResolver()|] };
                var settings = new XmlReaderSettings();
                settings.XmlResolver = [|custom|];
            }
        }
        """);

    [Fact]
    public Task NullOrSecureResolver_DoesNotReport() => Verify.AnalyzerAsync<XmlResolverAnalyzer>("""
        using System.Xml;
        class C
        {
            void M()
            {
                var doc = new XmlDocument { XmlResolver = null };
                var settings = new XmlReaderSettings { XmlResolver = new XmlSecureResolver(new XmlUrlResolver(), "https://example.com/") };
            }
        }
        """);

    [Fact]
    public Task UrlResolver_FixesToNull() => Verify.CodeFixAsync<XmlResolverAnalyzer, XmlResolverCodeFix>("""
        using System.Xml;
        class C { void M() { var doc = new XmlDocument(); doc.XmlResolver = new XmlUrlResolver(); } }
        """, """
        using System.Xml;
        class C { void M() { var doc = new XmlDocument(); doc.XmlResolver = null; } }
        """);
}
