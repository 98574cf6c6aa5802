using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Scalyz.SecureBuild.Analyzers.Tests.Conventions;

/// <summary>Every analyzer rule: ID in its area's range, help link to its page, the page exists, and a release file lists it.</summary>
public sealed class RuleConventionTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public void AnalyzerAssembly_HasNoAnalyzerOutsideTheConventions()
    {
        foreach (var type in AnalyzerTypes())
        {
            Assert.True(type.IsSealed, $"{type.Name} should be sealed.");
            Assert.EndsWith("Analyzer", type.Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CompilerLoadsOnlyTheHost_AndTheHostRunsEveryRuleOfTheAssemblyOnce()
    {
        // The compiler instantiates the types carrying [DiagnosticAnalyzer]: only the host, so each tree, operation block and
        // symbol is walked once for the whole package. A rule left out of CreateRules would never run in a build.
        var attributed = AnalyzerTypes().Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null).ToList();
        Assert.Equal([typeof(SecureBuildAnalyzer)], attributed);
        Assert.Equal([LanguageNames.CSharp], typeof(SecureBuildAnalyzer).GetCustomAttribute<DiagnosticAnalyzerAttribute>()!.Languages);
        var hosted = SecureBuildAnalyzer.CreateRules().Select(r => r.GetType()).ToList();
        Assert.Equal(hosted.Count, hosted.Distinct().Count());
        Assert.Equal(AnalyzerTypes().Where(t => t != typeof(SecureBuildAnalyzer)).OrderBy(t => t.FullName).ToList(), hosted.OrderBy(t => t.FullName).ToList());
        var host = new SecureBuildAnalyzer();
        Assert.Equal(
            SecureBuildAnalyzer.CreateRules().SelectMany(r => r.SupportedDiagnostics).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal),
            host.SupportedDiagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryRulePage_BelongsToAnExistingIdRange()
    {
        var pages = Directory.GetFiles(Path.Combine(RepositoryRoot, "src", "docs", "rules"), "SSB*.md").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.All(pages, page => Assert.Matches("^SSB[0-5][0-9]{3}$", page));
    }

    [Fact]
    public void EveryRule_FollowsConventions()
    {
        foreach (var descriptor in Descriptors().DistinctBy(d => d.Id))
        {
            CheckRule(descriptor);
        }
    }

    private static void CheckRule(DiagnosticDescriptor descriptor)
    {
        var id = descriptor.Id;
        var range = descriptor.Category switch
        {
            DiagnosticIds.Categories.Secrets => "SSB1",
            DiagnosticIds.Categories.InsecureApi => "SSB2",
            _ => throw new InvalidOperationException($"{id} has unknown category '{descriptor.Category}'."),
        };
        Assert.StartsWith(range, id, StringComparison.Ordinal);
        Assert.Matches("^SSB[0-9]{4}$", id);
        Assert.Equal(DiagnosticIds.HelpLink(id), descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot, "src", "docs", "rules", id + ".md")), $"src/docs/rules/{id}.md is missing.");
        var releases = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Scalyz.SecureBuild.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Scalyz.SecureBuild.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Contains(id + " ", releases, StringComparison.Ordinal);
    }

    private static IEnumerable<Type> AnalyzerTypes() =>
        typeof(DiagnosticIds).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t));

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        AnalyzerTypes().SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scalyz.SecureBuild.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scalyz.SecureBuild.sln not found above the test folder.");
    }
}
