using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2503_CorsAnyOriginTests
{
    [Fact]
    public Task AnyOriginWithCredentials_Reports() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddCors(o => o.AddPolicy("open", p => [|p.SetIsOriginAllowed(_ => true)|].AllowAnyHeader().AllowCredentials()));
                services.AddCors(o => o.AddDefaultPolicy(p => { p.AllowCredentials(); [|p.WithOrigins("*")|]; }));
            }
        }
        """);

    [Fact]
    public Task ListedOrigins_DoNotReport() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddCors(o => o.AddPolicy("a", p => p.WithOrigins("https://app.example.com").AllowCredentials()));
                services.AddCors(o => o.AddPolicy("c", p => p.SetIsOriginAllowed(origin => origin.EndsWith(".example.com")).AllowCredentials()));
            }
        }
        """);

    // As Sonar S5122: any origin is reported without credentials too (a public API can suppress it with a reason).
    [Fact]
    public Task AnyOriginWithoutCredentials_Reports() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Cors.Infrastructure;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services, IApplicationBuilder app)
            {
                services.AddCors(o => o.AddPolicy("b", p => [|p.AllowAnyOrigin()|].AllowAnyMethod()));
                services.AddCors(o => o.AddDefaultPolicy(p => [|p.WithOrigins("*")|]));
                app.UseCors(b => [|b.SetIsOriginAllowed(_ => true)|]);
                var policy = [|new CorsPolicyBuilder().AllowAnyOrigin()|].Build();
            }
        }
        """);

    [Fact]
    public Task AllowOriginHeaderStarOrEchoed_Reports() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        class C
        {
            void M(WebApplication app)
            {
                app.Use(async (ctx, next) =>
                {
                    [|ctx.Response.Headers["Access-Control-Allow-Origin"] = "*"|];
                    [|ctx.Response.Headers.Append("access-control-allow-origin", "*")|];
                    [|ctx.Response.Headers.AccessControlAllowOrigin = ctx.Request.Headers.Origin|];
                    [|ctx.Response.Headers["Access-Control-Allow-Origin"] = ctx.Request.Headers["Origin"]|];
                    await next();
                });
            }
        }
        """);

    [Fact]
    public Task AllowOriginHeaderListedOrOtherHeaderStar_DoesNotReport() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        class C
        {
            void M(WebApplication app)
            {
                app.Use(async (ctx, next) =>
                {
                    ctx.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com";
                    ctx.Response.Headers["Access-Control-Allow-Headers"] = "*";
                    ctx.Response.Headers.Append("Accept", "*/*");
                    await next();
                });
            }
        }
        """);

    [Fact]
    public Task NamedPredicateAlwaysTrue_Reports() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            static bool AnyOrigin(string origin) => true;
            static bool Trusted(string origin) => origin == "https://app.example.com";
            void M(IServiceCollection services)
            {
                services.AddCors(o => o.AddPolicy("a", p => [|p.SetIsOriginAllowed(AnyOrigin)|].AllowCredentials()));
                services.AddCors(o => o.AddPolicy("b", p => p.SetIsOriginAllowed(Trusted).AllowCredentials()));
            }
        }
        """);

    [Fact]
    public Task AnyOriginAndCredentialsInExclusiveBranches_ReportsAnyOriginAlone() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class C
        {
            CorsPolicy M(string[] hosts)
            {
                var builder = new CorsPolicyBuilder().AllowAnyMethod();
                if (hosts.Length == 0) { [|builder.AllowAnyOrigin()|]; }
                else { builder.WithOrigins(hosts).AllowCredentials(); }
                return builder.Build();
            }
        }
        """);

    [Fact]
    public Task AnyOriginThenCredentialsInLaterStatement_Reports() => Verify.AnalyzerAsync<CorsAnyOriginAnalyzer>("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class C
        {
            CorsPolicy M(bool open)
            {
                var builder = new CorsPolicyBuilder();
                if (open) { [|builder.SetIsOriginAllowed(_ => true)|]; }
                builder.AllowCredentials();
                return builder.Build();
            }
        }
        """);
}
