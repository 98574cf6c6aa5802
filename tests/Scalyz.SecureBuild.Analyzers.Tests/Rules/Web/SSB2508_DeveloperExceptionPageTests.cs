using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2508_DeveloperExceptionPageTests
{
    [Fact]
    public Task Unconditional_Reports() => Verify.AnalyzerAsync<DeveloperExceptionPageAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        class C { void M(WebApplication app) { [|app.UseDeveloperExceptionPage()|]; app.Run(); } }
        """);

    [Fact]
    public Task InsideOtherCondition_Reports() => Verify.AnalyzerAsync<DeveloperExceptionPageAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        class C { void M(WebApplication app, bool verbose) { if (verbose) { [|app.UseDeveloperExceptionPage()|]; } } }
        """);

    [Fact]
    public Task GuardedByEnvironment_DoesNotReport() => Verify.AnalyzerAsync<DeveloperExceptionPageAnalyzer>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;
        class C
        {
            void M(WebApplication app)
            {
                if (app.Environment.IsDevelopment()) { app.UseDeveloperExceptionPage(); }
                else { app.UseExceptionHandler("/error"); }
            }
            void N(IApplicationBuilder app, IWebHostEnvironment env)
            {
                if (!env.IsDevelopment()) { return; }
                app.UseDeveloperExceptionPage();
            }
        }
        """);
}
