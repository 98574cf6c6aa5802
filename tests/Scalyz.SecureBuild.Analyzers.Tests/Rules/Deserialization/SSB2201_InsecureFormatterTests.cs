using Scalyz.SecureBuild.Analyzers.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Deserialization;

public sealed class SSB2201_InsecureFormatterTests
{
    internal const string FrameworkStandIns = """
        namespace System.Web.UI
        {
            public sealed class LosFormatter { public object Deserialize(string input) => input; }
            public sealed class ObjectStateFormatter { public object Deserialize(string input) => input; }
        }
        namespace System.Runtime.Serialization
        {
            public sealed class NetDataContractSerializer { public object ReadObject(System.IO.Stream s) => s; }
        }
        namespace System.Runtime.Serialization.Formatters.Soap
        {
            public sealed class SoapFormatter { public object Deserialize(System.IO.Stream s) => s; }
        }
        """;

    [Fact]
    public Task EveryInsecureFormatter_Reports() => Verify.AnalyzerAsync<InsecureFormatterAnalyzer>("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        class C
        {
            object A(Stream s) => [|new BinaryFormatter()|].Deserialize(s);
            object B(string v) => [|new System.Web.UI.LosFormatter()|].Deserialize(v);
            object D(string v) => [|new System.Web.UI.ObjectStateFormatter()|].Deserialize(v);
            object E(Stream s) => [|new System.Runtime.Serialization.NetDataContractSerializer()|].ReadObject(s);
            object F(Stream s) => [|new System.Runtime.Serialization.Formatters.Soap.SoapFormatter()|].Deserialize(s);
        }
        """, FrameworkStandIns);

    [Fact]
    public Task FormatterFromAFieldDeserializing_ReportsTheCall() => Verify.AnalyzerAsync<InsecureFormatterAnalyzer>("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        class C
        {
            private readonly BinaryFormatter formatter;
            public C(BinaryFormatter injected) => formatter = injected;
            object A(Stream s) => [|formatter.Deserialize(s)|];
        }
        """);

    [Fact]
    public Task SafeSerializers_DoNotReport() => Verify.AnalyzerAsync<InsecureFormatterAnalyzer>("""
        using System.IO;
        using System.Runtime.Serialization;
        class Order { }
        class C
        {
            Order? A(string json) => System.Text.Json.JsonSerializer.Deserialize<Order>(json);
            object? B(Stream s) => new DataContractSerializer(typeof(Order)).ReadObject(s);
        }
        """);
}
