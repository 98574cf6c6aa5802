using Scalyz.SecureBuild.Analyzers.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Deserialization;

public sealed class SSB2204_SerializerTypeFromInputTests
{
    [Fact]
    public Task TypeNamesFromInput_Report() => Verify.AnalyzerAsync<SerializerTypeFromInputAnalyzer>("""
        using System;
        using System.Linq;
        using System.Runtime.Serialization;
        using System.Xml.Serialization;
        class C
        {
            DataContractSerializer A(string typeName) => new DataContractSerializer([|Type.GetType(typeName)!|]);
            DataContractSerializer B(string[] names) => new DataContractSerializer(typeof(object), [|names.Select(n => Type.GetType(n)!)|]);
            XmlSerializer D(string typeName) { var t = Type.GetType(typeName, throwOnError: true)!; return new XmlSerializer([|t|]); }
            DataContractSerializer E(string name) => new DataContractSerializer(typeof(object), [|new[] { Type.GetType(name)! }|]);
        }
        """);

    [Fact]
    public Task FixedTypes_DoNotReport() => Verify.AnalyzerAsync<SerializerTypeFromInputAnalyzer>("""
        using System;
        using System.Runtime.Serialization;
        using System.Xml.Serialization;
        class Order { }
        class C
        {
            DataContractSerializer A() => new DataContractSerializer(typeof(Order), new[] { typeof(DateTime) });
            XmlSerializer B() => new XmlSerializer(Type.GetType("System.String")!);
        }
        """);
}
