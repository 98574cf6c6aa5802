using Microsoft.CodeAnalysis.CSharp;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1001_ProviderSecretTests
{
    [Theory]
    [MemberData(nameof(SecretSamples.FormatIds), MemberType = typeof(SecretSamples))]
    public async Task GeneratedSampleOfFormat_IsReportedWithoutRevealingIt(string id)
    {
        var format = SecretSamples.Format(id);
        var sample = SecretSamples.Generate(format);
        var expectedId = format.Kind == SecretKind.PrivateKey ? DiagnosticIds.PrivateKey : DiagnosticIds.ProviderSecret;

        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), Source(sample));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(expectedId, diagnostic.Id);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(sample[..Math.Min(sample.Length, 12)], message, StringComparison.Ordinal);
        Assert.Contains("\u2026", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SecretSamples.FormatIds), MemberType = typeof(SecretSamples))]
    public async Task TruncatedSampleOfFormat_IsNotReported(string id)
    {
        var sample = SecretSamples.Generate(SecretSamples.Format(id));
        var truncated = sample[..(sample.Length * 2 / 5)];

        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), Source(truncated));

        // An anchored format's sample is written under its provider's key name (trello_key: ...); a random value left
        // under such a name is still a credential by its name (SSB1002). The format itself must not match the stub.
        Assert.DoesNotContain(diagnostics, d => d.Id != "SSB1002" || !SecretSamples.Format(id).IsAnchored);
    }

    [Fact]
    public void Catalog_HasAtLeast150DistinctFormatsWithKeywordsAndValidPatterns()
    {
        var formats = SecretCatalog.Default.Formats.Where(f => f.Kind is SecretKind.Token or SecretKind.PrivateKey).ToList();

        Assert.True(formats.Count >= 150, $"{formats.Count} formats");
        Assert.Equal(formats.Count, formats.Select(f => f.Id).Distinct().Count());
        Assert.All(formats, f => Assert.NotNull(f.Regex));
        Assert.All(formats, f => Assert.NotEmpty(f.Keywords));
    }

    [Fact]
    public void Catalog_MalformedLine_NamesTheLine()
    {
        var error = Assert.Throws<FormatException>(() => SecretCatalog.Parse(new StringReader("# header\nid\ttoken\tX\n")));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StripeKeyInField_MessageNamesProviderAndShowsFourCharacters()
    {
        var key = "sk_live_" + "51HqLyjWDarjtT1zdp7dc" + "Q9r2VbXk4Tz";

        var diagnostic = Assert.Single(await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), Source(key)));

        Assert.Equal("Stripe secret key 'sk_l\u2026' is hard-coded; load it from configuration", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task AwsKeyInProperty_IsReportedOnTheLiteral() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C { public string AccessKeyId { get; } = [|\"AKIA" + "2OGYBAH6QZRLXW7N\"|]; }");

    [Fact]
    public Task DocumentationExampleValue_IsNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("""
        class C { const string Key = "AKIAIOSFODNN7EXAMPLE"; }
        """);

    [Fact]
    public async Task GitHubTokenWithWrongChecksum_IsNotReported()
    {
        var valid = SecretSamples.Generate(SecretSamples.Format("github-ghp"));
        var broken = valid[..^1] + (valid[^1] == 'a' ? 'b' : 'a');

        Assert.Single(await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), Source(valid)));
        Assert.Empty(await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), Source(broken)));
    }

    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("<your-api-key>")]
    [InlineData("sk_live_your_key_here_xxxxxxxxxxxxxxxx")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA")]
    public async Task LookAlike_IsNotReported(string value) =>
        Assert.Empty(await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), Source(value)));

    [Fact]
    public async Task TokenInsideInterpolatedAndRawStrings_IsReported()
    {
        var token = SecretSamples.Generate(SecretSamples.Format("slack-bot-token"));
        var source = "class C { string M(int n) => $\"n={n} " + token + "\"; string R => \"\"\"\n" + token + "\n\"\"\"; }";

        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), source);

        Assert.Equal(2, diagnostics.Count(d => d.Id == DiagnosticIds.ProviderSecret));
    }

    [Fact]
    public async Task AllowlistOption_SilencesMatchingValues()
    {
        var key = "sk_live_" + "51HqLyjWDarjtT1zdp7dc" + "Q9r2VbXk4Tz";
        await Verify.AnalyzerAsync(new HardcodedSecretAnalyzer(), Source(key), [], [], "securebuild.secrets.allowlist = ^sk_live_51Hq");
    }

    [Fact]
    public async Task ExcludedFilesOption_SkipsTheFile()
    {
        var key = "sk_live_" + "51HqLyjWDarjtT1zdp7dc" + "Q9r2VbXk4Tz";
        await Verify.AnalyzerAsync(new HardcodedSecretAnalyzer(), Source(key), [], [], "securebuild.secrets.excluded_files = **/Test0.cs");
    }

    [Fact]
    public async Task TestProjectsSkipOption_SkipsProjectsMarkedAsTests()
    {
        var key = "sk_live_" + "51HqLyjWDarjtT1zdp7dc" + "Q9r2VbXk4Tz";
        await Verify.AnalyzerAsync(new HardcodedSecretAnalyzer(), Source(key), [], [], "securebuild.secrets.test_projects = skip\nbuild_property.IsTestProject = true");
        await Verify.AnalyzerAsync(new HardcodedSecretAnalyzer(), Source(key, marked: true), [], [], "securebuild.secrets.test_projects = skip\nbuild_property.IsTestProject = false");
    }

    [Fact]
    public async Task HostileInput_FinishesWithoutReporting()
    {
        var hostile = "sig=" + new string('a', 20000) + "sv=2020-01-01&" + new string('%', 5000);

        Assert.Empty(await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), Source(hostile)));
    }

    internal static string Source(string value, bool marked = false)
    {
        var literal = SymbolDisplay.FormatLiteral(value, quote: true);
        return "class C { object Value = " + (marked ? "[|" + literal + "|]" : literal) + "; }";
    }
}
