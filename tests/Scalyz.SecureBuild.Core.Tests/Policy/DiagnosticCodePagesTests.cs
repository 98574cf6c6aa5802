using System.Reflection;

namespace Scalyz.SecureBuild.Core.Tests.Policy;

public sealed class DiagnosticCodePagesTests
{
    [Fact]
    public void PatchPolicyAndLedgerCodes_EachHaveARulePage()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Scalyz.SecureBuild.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(id => id.StartsWith("SSB03", StringComparison.Ordinal) || id.StartsWith("SSB04", StringComparison.Ordinal) || id.StartsWith("SSB31", StringComparison.Ordinal) || id.StartsWith("SSB5", StringComparison.Ordinal))
            .ToList();

        Assert.Contains("SSB5001", codes);
        Assert.Contains("SSB3108", codes);
        Assert.All(codes, id => Assert.True(File.Exists(Path.Combine(root, "src", "docs", "rules", id + ".md")), $"src/docs/rules/{id}.md is missing."));
    }
}
