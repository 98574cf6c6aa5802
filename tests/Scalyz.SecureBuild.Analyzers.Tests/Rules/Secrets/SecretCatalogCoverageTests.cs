using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, catalog coverage: the formats added by going through the public lists in order (GitHub's supported secret
/// scanning patterns, gitleaks' default rules, TruffleHog's detectors, detect-secrets' plugins). Every row of the catalog
/// is already rendered by <see cref="SSB1001_ProviderSecretTests"/> (a generated value is reported, a truncated one is
/// not); here each added format is also written the ways code holds it (interpolated and raw strings, a name carrying
/// the provider word, a comment, appsettings.json) and next to look-alikes: its placeholder form, documentation
/// placeholders and public values of the same providers. Values are generated from the catalog's own patterns.
/// </summary>
public sealed class SecretCatalogCoverageTests
{
    private const string FirstAddedId = "azure-apim-key-identifiable";

    // Issue 12's second pass (Nosey Parker/Kingfisher, GitGuardian, Microsoft's secret types, Sonar/Semgrep, secrets-patterns-db).
    private const string FirstSecondPassId = "aws-session-token";

    /// <summary>The formats from the first added row on.</summary>
    public static TheoryData<string> AddedFormatIds() => SecretSamples.Ids(AddedFormats());

    [Fact]
    public void AddedFormats_AreAtLeastSixtyWithTightKeywords()
    {
        var added = AddedFormats().ToList();

        Assert.True(added.Count >= 60, $"{added.Count} formats");
        Assert.All(added, f => Assert.InRange(f.Keywords.Length, 1, 5));
        Assert.All(added, f => Assert.All(f.Keywords, k => Assert.True(k.Length >= 3, $"{f.Id}: keyword '{k}' is shorter than three characters")));
    }

    [Theory]
    [MemberData(nameof(AddedFormatIds))]
    public async Task GeneratedValue_IsReportedInInterpolatedRawNamedCommentAndConfigContexts(string id)
    {
        var format = SecretSamples.Format(id);
        var sample = SecretSamples.Generate(format, seed: 7);
        var value = format.IsAnchored ? sample[(sample.IndexOf(": ", StringComparison.Ordinal) + 2)..] : sample;
        var source = new StringBuilder("class C\n{\n")
            .Append("    string A(int n) => $\"n={n} ").Append(Escape(sample)).Append("\";\n")
            .Append(format.IsAnchored
                ? "    const string " + NameFor(format) + " = \"" + Escape(value) + "\";\n"
                : "    static readonly string B = \"\"\"\n        " + sample + "\n        \"\"\";\n")
            .Append("    // ").Append(sample).Append('\n')
            .Append("}\n")
            .ToString();
        var json = format.IsAnchored
            ? "{\n  \"" + SectionFor(format) + "\": {\n    \"ApiKey\": \"" + value + "\"\n  }\n}\n"
            : "{\n  \"Integrations\": {\n    \"Value\": \"" + sample.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"\n  }\n}\n";

        var code = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), source);
        var config = await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", ("/p/appsettings.json", json));

        var lines = code.Select(d => (d.Id, Line: d.Location.GetLineSpan().StartLinePosition.Line)).ToList();
        var commentLine = format.IsAnchored ? 4 : 6;
        Assert.True(lines.Contains((DiagnosticIds.ProviderSecret, 2)), "interpolated string: " + string.Join(", ", lines));
        Assert.True(lines.Any(d => d.Id == DiagnosticIds.ProviderSecret && d.Line is 3 or 4), (format.IsAnchored ? "named constant: " : "raw string: ") + string.Join(", ", lines));
        Assert.True(lines.Any(d => d.Line == commentLine && d.Id.StartsWith("SSB1", StringComparison.Ordinal)), "comment: " + string.Join(", ", lines));
        Assert.True(config.Any(d => d.Id.StartsWith("SSB1", StringComparison.Ordinal)), "appsettings.json: " + json);
    }

    [Theory]
    [MemberData(nameof(AddedFormatIds))]
    public async Task PlaceholderFormOfTheValue_IsNotReported(string id)
    {
        var format = SecretSamples.Format(id);
        var placeholder = Placeholder(format, SecretSamples.Generate(format));

        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), SSB1001_ProviderSecretTests.Source(placeholder));

        Assert.DoesNotContain(diagnostics, d => d.Id == DiagnosticIds.ProviderSecret);
    }

    [Theory]
    [InlineData("samsara_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("os_v2_app_...")]
    [InlineData("dvc_server_testkey")]
    [InlineData("dvc_server_token_hash")]
    [InlineData("ysc2_test_real_key")]
    [InlineData("unkey_xxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("secret-key-rotation-interval-in-days-for-the-vault")]
    [InlineData("token-cache:expiry")]
    [InlineData("perm:read.write.admin")]
    [InlineData("Version 1000.2 build 7")]
    [InlineData("t1.example.invalid")]
    [InlineData("0x4AAAAAAABkMYinukE8nzY")]
    [InlineData("api-0123456789abcdef0123456789abcdef")]
    [InlineData("cs_0123456789abcdef0123456789abcde")]
    [InlineData("standard_0123")]
    [InlineData("IGQVJ-placeholder")]
    [InlineData("EXOPLANET_CATALOG")]
    [InlineData("pts_per_game")]
    // Second pass: the providers' own documentation examples (Dynatrace's token format page, Docker's swarm join and
    // unlock examples), truncated or placeholder values, and words that start like a new prefix.
    [InlineData("dt0s01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM")]
    [InlineData("SWMTKN-1-49nj1cmql0jkz5s954yi3oex3nedyz0fb0xx14ie39trti4wxv-8vxv8rssmk743ojnwacrr2e7c")]
    [InlineData("SWMKEY-1-7c37Cc8654o6p38HnroywCi19pllOnGtbdZEgtKxZu8")]
    [InlineData("sk-helicone-xxxxxxx-xxxxxxx-xxxxxxx-xxxxxxx")]
    [InlineData("bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t")]
    [InlineData("dosedependent")]
    [InlineData("ptr_to_the_first_pixel_row_of_the_frame_buffer")]
    [InlineData("vcp_placeholder")]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
    [InlineData("SharedAccessSignature sr={0}&sig={1}&se={2}&skn={3}")]
    [InlineData("https://myapp.azurewebsites.net/api/orders?code=<your-function-key>")]
    public async Task DocumentationPlaceholdersAndWordsWithTheSamePrefix_AreNotReported(string value) =>
        Assert.Empty(await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), SSB1001_ProviderSecretTests.Source(value)));

    [Theory]
    [InlineData("RecaptchaSiteKey", "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI")]
    [InlineData("RecaptchaSecretKey", "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe")]
    [InlineData("DeepLinkRoute", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("TwitterUserId", "1234567890123456789")]
    [InlineData("ZoomLevel", "1.5")]
    [InlineData("ConsulServiceId", "6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6")]
    [InlineData("GhostPostId", "5f0d9c1e8a2b3c4d5e6f7a8b")]
    [InlineData("PubnubPublishKey", "pub-c-6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6")]
    [InlineData("SeqServerUrl", "http://localhost:5341")]
    [InlineData("VaultAddress", "https://vault.example.com:8200")]
    [InlineData("DirectLineEndpoint", "https://directline.botframework.com/v3/directline")]
    [InlineData("SteamAppId", "730")]
    [InlineData("CosmosDatabaseName", "orders-db")]
    [InlineData("TencentRegion", "ap-guangzhou")]
    public Task PublicValuesAndIdsNamedAfterTheProvider_AreNotReported(string name, string value) => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string " + name + " = \"" + value + "\";\n}\n");

    [Fact]
    public void SecondPass_AddsAtLeastEightyFormatsFromTheNextLists()
    {
        var secondPass = SecretCatalog.Default.Formats.SkipWhile(f => f.Id != FirstSecondPassId).ToList();

        Assert.True(secondPass.Count >= 80, $"{secondPass.Count} formats");
        Assert.All(secondPass, f => Assert.Equal(SecretKind.Token, f.Kind));
    }

    // Corrections of the second pass: Azure's HISv2 keys carry JQQJ99, JQQJ9D or JQQJ9H and may have the 88-character long
    // form; Dynatrace's platform and OAuth tokens (dt0s01, dt0s16) share the classic token's shape; Meta tokens start EAAB/EAAG/...
    [Theory]
    [InlineData("azure-devops-pat", "JQQJ9D", false)]
    [InlineData("azure-cognitive-services-key", "JQQJ9H", true)]
    [InlineData("azure-event-grid-key", "JQQJ99", true)]
    public async Task CommonAnnotatedKey_WithEachSignatureAndLongForm_IsReported(string id, string signature, bool longForm)
    {
        // The short form is 84 characters (the generated sample may already carry the long form's tail).
        var sample = SecretSamples.Generate(SecretSamples.Format(id))[..84];
        var at = sample.IndexOf("JQQJ9", StringComparison.Ordinal);
        var value = sample[..at] + signature + sample[(at + 6)..] + (longForm ? "Q7==" : string.Empty);

        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), SSB1001_ProviderSecretTests.Source(value));

        Assert.Equal(DiagnosticIds.ProviderSecret, Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("dt0s16.ST2EY72KQINMH574WMNVI7YA.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZA")]
    [InlineData("EAAG7kq2Vb9Xr4TmLpZc8NwYhJ3sQd6FgKe1RtUyIoP5aSzXcVbNm0LkJhGfDsAqWeRtYuIoPlKjHgFdSaZxCvBnMqWeRtYuIoPaSdFgHjKlZxCvBnM12")]
    [InlineData("lio_Xq7Lm2Vr9Tz4Kp8Nw3Yh5Jd6")]
    public async Task CorrectedFormats_ReportTheirOtherDocumentedPrefixes(string value) =>
        Assert.Equal(DiagnosticIds.ProviderSecret, Assert.Single(await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), SSB1001_ProviderSecretTests.Source(value))).Id);

    internal static IEnumerable<SecretFormat> AddedFormats() =>
        SecretCatalog.Default.Formats.SkipWhile(f => f.Id != FirstAddedId).Where(f => f.Kind == SecretKind.Token);

    // The value with every letter and digit outside the format's keyword replaced by 'x': "xoxb-xxxx…", "beamer_key: b_xxxx…".
    private static string Placeholder(SecretFormat format, string sample)
    {
        var keep = new bool[sample.Length];
        foreach (var keyword in format.Keywords)
        {
            var at = sample.IndexOf(keyword, StringComparison.OrdinalIgnoreCase);
            for (var i = 0; at >= 0 && i < keyword.Length; i++)
            {
                keep[at + i] = true;
            }
        }

        var builder = new StringBuilder(sample.Length);
        for (var i = 0; i < sample.Length; i++)
        {
            builder.Append(keep[i] || !char.IsAsciiLetterOrDigit(sample[i]) ? sample[i] : 'x');
        }

        return builder.ToString();
    }

    // BeamerApiKey-like names built from the provider word: "bing_maps" → "bing_maps_api_key", "deepl_" → "deepl__api_key".
    private static string NameFor(SecretFormat format)
    {
        var keyword = format.Keywords.First(k => k.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
        return keyword + "_api_key";
    }

    private static string SectionFor(SecretFormat format) =>
        format.Keywords.First(k => k.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')).TrimEnd('_');

    private static string Escape(string value) => SymbolDisplay.FormatLiteral(value, quote: false).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
