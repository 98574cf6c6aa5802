using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

/// <summary>
/// The shapes the public rules flag and ours now follow (any-origin CORS without credentials, debug features, state-changing
/// MVC actions without antiforgery, assembled process arguments, nested-repetition regexes, Content as text/html), reported
/// by the packed package in a real build of a web project.
/// </summary>
[Collection(PackedPackageGroup.Name)]
public sealed class InsecureApiPublicRuleShapesTests(PackageFixture package)
{
    private const string Endpoints = """
        using System.Diagnostics;
        using System.Text.RegularExpressions;
        using Microsoft.AspNetCore.Mvc;

        namespace Contoso.Orders.Admin;

        public static class AdminSetup
        {
            public static void Services(IServiceCollection services) =>
                services.AddCors(o => o.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyHeader()));

            public static void Pipeline(WebApplication app)
            {
                app.UseDeveloperExceptionPage();
                app.Use(async (context, next) =>
                {
                    context.Response.Headers["Access-Control-Allow-Origin"] = "*";
                    await next();
                });
                app.MapGet("/admin/preview", (string body) => Results.Content("<div>" + body + "</div>", "text/html"));
            }
        }

        public class ExportController : Controller
        {
            private static readonly Regex Name = new(@"^([a-z0-9]+)*\.csv$");

            [HttpPost]
            public IActionResult Zip(string folder)
            {
                Process.Start("zip", $"-r export.zip {folder}");
                return Ok(Name.IsMatch(folder));
            }
        }

        """;

    [Fact]
    public void Build_WebProject_ReportsThePublicRuleShapes()
    {
        var workspace = package.CreateWorkspace();
        var file = workspace.PathOf("VulnerableWebApp", "Services", "AdminEndpoints.cs");
        File.WriteAllText(file, Endpoints);

        var build = workspace.Build("VulnerableWebApp");

        var found = build.SecureBuildDiagnostics
            .Where(d => d.File == file)
            .Select(d => (d.Code, d.Line))
            .Distinct()
            .OrderBy(d => d.Line).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        Assert.True(
            found.SequenceEqual(
            [
                ("SSB2503", 10),
                ("SSB2508", 14),
                ("SSB2503", 17),
                ("SSB2601", 20),
                ("SSB2305", 26),
                ("SSB2504", 29),
                ("SSB2302", 31),
            ]),
            string.Join("\n", found) + "\n" + build.Output);
    }
}
