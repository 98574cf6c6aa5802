using System.Reflection;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

/// <summary>Every advisory-related code (SSB02xx, SSB4xxx) has its rule page in the documented format.</summary>
public sealed class AdvisoryRulePagesTests
{
    public static TheoryData<string> Codes() => [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(c => c.StartsWith("SSB02", StringComparison.Ordinal) || c.StartsWith("SSB4", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Codes))]
    public void RulePage_ExistsWithTitleTableAndSections(string code)
    {
        var page = Path.Combine(RepositoryRoot(), "src", "docs", "rules", code + ".md");

        Assert.True(File.Exists(page), page);
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {code}: ", text, StringComparison.Ordinal);
        foreach (var part in new[] { "| Category |", "| Default severity |", "| Since | 0.1.0 |", "## What it flags", "## Why it matters", "## How to fix", "## How to suppress", "## Options" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scalyz.SecureBuild.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scalyz.SecureBuild.sln not found above the test folder.");
    }
}
