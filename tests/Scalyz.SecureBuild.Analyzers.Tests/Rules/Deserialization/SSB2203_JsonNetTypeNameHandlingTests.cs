using Scalyz.SecureBuild.Analyzers.Rules.Deserialization;
using Scalyz.SecureBuild.CodeFixes.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Deserialization;

public sealed class SSB2203_JsonNetTypeNameHandlingTests
{
    internal const string JsonNetStandIn = """
        namespace Newtonsoft.Json
        {
            public enum TypeNameHandling { None = 0, Objects = 1, Arrays = 2, All = 3, Auto = 4 }
            public interface ISerializationBinder { }
            public class JsonSerializerSettings
            {
                public TypeNameHandling TypeNameHandling { get; set; }
                public ISerializationBinder? SerializationBinder { get; set; }
            }
            public class JsonSerializer
            {
                public TypeNameHandling TypeNameHandling { get; set; }
                public ISerializationBinder? SerializationBinder { get; set; }
            }
            public static class JsonConvert
            {
                public static T? DeserializeObject<T>(string value, JsonSerializerSettings settings) => default;
            }
            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class JsonPropertyAttribute : System.Attribute
            {
                public TypeNameHandling TypeNameHandling { get; set; }
            }
        }
        """;

    [Fact]
    public Task TypeNameHandlingWithoutBinder_Reports() => Verify.AnalyzerAsync<JsonNetTypeNameHandlingAnalyzer>("""
        using Newtonsoft.Json;
        class C
        {
            object? A(string json) => JsonConvert.DeserializeObject<object>(json, new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.All|] });
            void B() { var s = new JsonSerializer(); s.TypeNameHandling = [|TypeNameHandling.Auto|]; }
            void D() { const TypeNameHandling handling = TypeNameHandling.Objects; var settings = new JsonSerializerSettings(); settings.TypeNameHandling = [|handling|]; }
            [JsonProperty(TypeNameHandling = [|TypeNameHandling.Arrays|])] public object? Payload { get; set; }
        }
        """, JsonNetStandIn);

    [Fact]
    public Task NoneOrBinderSet_DoesNotReport() => Verify.AnalyzerAsync<JsonNetTypeNameHandlingAnalyzer>("""
        using Newtonsoft.Json;
        class KnownTypesBinder : ISerializationBinder { }
        class C
        {
            JsonSerializerSettings A() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
            JsonSerializerSettings B() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto, SerializationBinder = new KnownTypesBinder() };
            JsonSerializer D() { var s = new JsonSerializer(); s.TypeNameHandling = TypeNameHandling.Objects; s.SerializationBinder = new KnownTypesBinder(); return s; }
        }
        """, JsonNetStandIn);

    [Fact]
    public Task BinderSetToNull_Reports() => Verify.AnalyzerAsync<JsonNetTypeNameHandlingAnalyzer>("""
        using Newtonsoft.Json;
        class C
        {
            JsonSerializerSettings A() => new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.Auto|], SerializationBinder = null };
        }
        """, JsonNetStandIn);

    [Fact]
    public Task TypeNameHandlingAll_FixesToNone() => Verify.CodeFixAsync<JsonNetTypeNameHandlingAnalyzer, JsonNetTypeNameHandlingCodeFix>("""
        using Newtonsoft.Json;
        class C { JsonSerializerSettings A() => new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.All|] }; }
        """, """
        using Newtonsoft.Json;
        class C { JsonSerializerSettings A() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None }; }
        """, JsonNetStandIn);
}
