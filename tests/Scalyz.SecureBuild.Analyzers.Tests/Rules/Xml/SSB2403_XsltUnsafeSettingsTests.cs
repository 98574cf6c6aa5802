using Scalyz.SecureBuild.Analyzers.Rules.Xml;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Xml;

public sealed class SSB2403_XsltUnsafeSettingsTests
{
    [Fact]
    public Task ScriptOrDocumentEnabled_Reports() => Verify.AnalyzerAsync<XsltUnsafeSettingsAnalyzer>("""
        using System.Xml.Xsl;
        class C
        {
            void M(XslCompiledTransform t, string path)
            {
                t.Load(path, new XsltSettings([|true|], false), null);
                t.Load(path, [|XsltSettings.TrustedXslt|], null);
                var s = new XsltSettings();
                s.EnableScript = [|true|];
            }
        }
        """);

    [Fact]
    public Task DefaultSettings_DoNotReport() => Verify.AnalyzerAsync<XsltUnsafeSettingsAnalyzer>("""
        using System.Xml.Xsl;
        class C
        {
            void M(XslCompiledTransform t, string path)
            {
                t.Load(path, XsltSettings.Default, null);
                t.Load(path, new XsltSettings(false, false), null);
                var s = new XsltSettings { EnableDocumentFunction = false };
            }
        }
        """);
}
