using Scalyz.SecureBuild.Analyzers.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Deserialization;

public sealed class SSB2202_JavaScriptSerializerTypeResolverTests
{
    internal const string StandIn = """
        namespace System.Web.Script.Serialization
        {
            public abstract class JavaScriptTypeResolver { }
            public class SimpleTypeResolver : JavaScriptTypeResolver { }
            public class JavaScriptSerializer
            {
                public JavaScriptSerializer() { }
                public JavaScriptSerializer(JavaScriptTypeResolver? resolver) { }
                public T Deserialize<T>(string input) => default!;
            }
        }
        """;

    [Fact]
    public Task SerializerWithResolver_Reports() => Verify.AnalyzerAsync<JavaScriptSerializerTypeResolverAnalyzer>("""
        using System.Web.Script.Serialization;
        class C
        {
            object A(string json) => new JavaScriptSerializer([|new SimpleTypeResolver()|]).Deserialize<object>(json);
            object B(string json) { var resolver = new SimpleTypeResolver(); return new JavaScriptSerializer([|resolver|]).Deserialize<object>(json); }
        }
        """, StandIn);

    [Fact]
    public Task SerializerWithoutResolver_DoesNotReport() => Verify.AnalyzerAsync<JavaScriptSerializerTypeResolverAnalyzer>("""
        using System.Web.Script.Serialization;
        class C
        {
            object A(string json) => new JavaScriptSerializer().Deserialize<object>(json);
            object B(string json) => new JavaScriptSerializer(null).Deserialize<object>(json);
        }
        """, StandIn);
}
