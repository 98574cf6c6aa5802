using Scalyz.SecureBuild.Analyzers.Rules.Xml;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.CodeFixes.Rules.Xml;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Xml;

public sealed class SSB2401_XmlDtdProcessingTests
{
    [Fact]
    public Task ParseInInitializerAndAssignment_Reports() => Verify.AnalyzerAsync<XmlDtdProcessingAnalyzer>("""
        using System.Xml;
        class C
        {
            void M(System.IO.Stream s)
            {
                var settings = new XmlReaderSettings { DtdProcessing = [|DtdProcessing.Parse|] };
                var mode = DtdProcessing.Parse;
                var reader = new XmlTextReader(s);
                reader.DtdProcessing = [|mode|];
            }
        }
        """);

    [Fact]
    public Task ProhibitOrIgnore_DoesNotReport() => Verify.AnalyzerAsync<XmlDtdProcessingAnalyzer>("""
        using System.Xml;
        class C
        {
            void M()
            {
                var a = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
                var b = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
            }
        }
        """);

    [Fact]
    public Task Parse_FixesToProhibit() => Verify.CodeFixAsync<XmlDtdProcessingAnalyzer, XmlDtdProcessingCodeFix>("""
        using System.Xml;
        class C { XmlReaderSettings M() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }; }
        """, """
        using System.Xml;
        class C { XmlReaderSettings M() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }; }
        """);
}
