using Scalyz.SecureBuild.Analyzers.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Rules.Logging;
using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

namespace Scalyz.SecureBuild.Analyzers.Tests.Modern;

/// <summary>The SSB2xxx rules whose values can arrive in C# 12-14 syntax: collection expression arguments, raw interpolated strings, primary constructors.</summary>
public sealed class InsecureApiModernSyntaxTests
{
    [Fact]
    public Task CorsOriginsAsCollectionExpression_Reports() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services) =>
                services.AddCors(o => o.AddDefaultPolicy(p => { p.AllowCredentials(); [|p.WithOrigins(["https://app.example.com", "*"])|]; }));
        }
        """);

    [Fact]
    public Task CorsListedOriginsAsCollectionExpression_DoesNotReport() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services) =>
                services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(["https://app.example.com"]).AllowCredentials()));
        }
        """);

    [Fact]
    public Task PathPartsAsCollectionExpression_Reports() => Verify.AnalyzerAsync<PathTraversalAnalyzer>("""
        using System.IO;
        using Microsoft.AspNetCore.Mvc;
        public class FilesController : ControllerBase
        {
            public IActionResult Get(string name) => File(System.IO.File.ReadAllBytes([|Path.Combine(["/srv/files", name])|]), "application/octet-stream");
        }
        """);

    [Fact]
    public Task SecretLoggedThroughCollectionExpression_Reports() => Verify.AnalyzerAsync<SecretLoggedAnalyzer>("""
        using Microsoft.Extensions.Logging;
        sealed class Client(ILogger<Client> logger, string apiKey)
        {
            public void Call(string password) => logger.LogInformation("Calling with {Key} {Password}", [[|apiKey|], [|password|]]);
        }
        """);

    [Fact]
    public Task KnownTypesFromInputAsCollectionExpression_Reports() => Verify.AnalyzerAsync<SerializerTypeFromInputAnalyzer>("""
        using System;
        using System.Runtime.Serialization;
        class C
        {
            DataContractSerializer E(string name) => new DataContractSerializer(typeof(object), [|[Type.GetType(name)!]|]);
            DataContractSerializer F() => new DataContractSerializer(typeof(object), [typeof(DateTime)]);
        }
        """);

    [Fact]
    public Task RawInterpolatedSqlInPrimaryConstructorClass_Reports() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>(""""
        using Npgsql;
        sealed class Repo(NpgsqlConnection connection)
        {
            public NpgsqlCommand Find(string name) => new NpgsqlCommand([|$"""SELECT * FROM users WHERE name = '{name}'"""|], connection);
        }
        """", StandIns.Npgsql);
}
