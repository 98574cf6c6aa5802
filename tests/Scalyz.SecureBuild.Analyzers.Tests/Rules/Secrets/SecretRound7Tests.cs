using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, seventh round: keys in URL paths past holes and action words (a path that names a hook, a node host),
/// strkey seeds with their CRC-16 (Stellar, NATS), and the look-alikes beside them. Values are made up for the tests.
/// </summary>
public sealed class SecretRound7Tests
{
    // The generator writes an anchored format's value after its provider word ("stellar_key: S..."): the value alone.
    private static readonly string StellarSeed = SecretSamples.Generate(SecretSamples.Format("stellar-secret-seed")).Split(": ")[1];
    private static readonly string NatsSeed = SecretSamples.Generate(SecretSamples.Format("nats-nkey-seed")).Split(": ")[1];

    private static Task Code(string members) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("using System;\nclass C\n{\n" + members + "}\n");

    private static string BreakChecksum(string seed) => seed[..30] + (seed[30] == 'A' ? 'B' : 'A') + seed[31..];

    // ------------------------------------------------------------------ 1. keys in URL paths

    [Fact]
    public Task KeyAfterANodeHost_IsReported() => Code(
        "    string M(string name) => {|SSB1001:$\"https://{name}.quiknode.pro/3f9a7c21e4b80d56a1f2c3e4d5b6a7980c1d2e3f/\"|};\n");

    [Fact]
    public Task TokenAfterAHookPathWithAnIdHoleAndAnAction_IsReported() => Code(
        "    string M(string workspace) => {|SSB1001:$\"https://api.pumble.com/workspaces/{workspace}/incomingWebhooks/postMessage/Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1\"|};\n");

    [Fact]
    public Task TokenConcatenatedAfterAHookPathAndAnAction_IsReported() => Code(
        "    object M() => new Uri(\"https://api.flock.com/hooks/sendMessage/\" + {|SSB1002:\"0b5c7d3e-9a41-4f26-8e1b-6c2d4a7f9e30\"|});\n");

    [Fact]
    public Task HookPathsWithoutARandomSegment_AreNotReported() => Code(
        "    string M(string workspace) => $\"https://api.pumble.com/workspaces/{workspace}/incomingWebhooks/postMessage/latest\";\n"
        + "    const string Docs = \"https://docs.example.com/hooks/configuration/registering-incoming-webhooks/\";\n"
        + "    string N(string name) => $\"https://{name}.nodejs.org/dist/v20.11.1/node-v20.11.1-linux-x64.tar.xz\";\n");

    // ------------------------------------------------------------------ 2. strkey seeds

    [Fact]
    public Task StellarSeedWithValidChecksum_IsReported() => Code("    private const string TreasurySigningSeed = {|SSB1001:\"" + StellarSeed + "\"|};\n");

    [Fact]
    public Task NatsSeedWithValidChecksum_IsReported() => Code("    // nkey: {|SSB1008:" + NatsSeed + "|}\n    void M() { }\n");

    [Fact]
    public Task StrkeySeedsWithBrokenChecksum_AreNotReported() => Code(
        "    private const string StellarSeed = \"" + BreakChecksum(StellarSeed) + "\";\n    private const string NatsSeed = \"" + BreakChecksum(NatsSeed) + "\";\n");

    [Fact]
    public Task StellarAccountIdIsPublic_IsNotReported() => Code(
        "    private const string StellarAccountSeedOwner = \"" + Corpus.HeldOutBatch5.Crc16Base32([6 << 3, .. new byte[32].Select((_, i) => (byte)(i * 37))]) + "\";\n");

    // ------------------------------------------------------------------ 3. names

    [Fact]
    public Task PasswordUnderAPublicApiName_IsReported() => Code(
        "    const string ConfigCatPublicApiPassword = {|SSB1002:\"xrpG7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Np=\"|};\n");

    [Fact]
    public Task PublicKeyNamesStayNotSecret() => Code(
        "    const string PublicKey = \"xrpG7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Np=\";\n");

    [Theory]
    [InlineData("DummyPassword", "P@ssw0rd!")]
    [InlineData("SampleUserPassword", "Welcome1!")]
    [InlineData("FakeAdminPwd", "Adm1n#2024")]
    public Task WeakPasswordsUnderFixtureNames_AreNotReported(string name, string value) => Code(
        "    sealed class T { public string? " + name + " { get; set; } }\n    object M() => new T { " + name + " = \"" + value + "\" };\n");

    [Theory]
    [InlineData("DummyPassword", "k7Hq2mZr9Xv4Lp8W")]
    [InlineData("AdminPassword", "P@ssw0rd!7Kq")]
    public Task RandomPasswordsUnderFixtureNamesAndWeakOnesUnderRealNames_AreReported(string name, string value) => Code(
        "    sealed class T { public string? " + name + " { get; set; } }\n    object M() => new T { " + name + " = {|SSB1002:\"" + value + "\"|} };\n");

    [Fact]
    public Task WeakPasswordUnderAFixtureKeyInSettings_IsNotReported() =>
        Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), "class C { }\n", [("/p/appsettings.json", "{ \"Tests\": { \"DummyPassword\": \"P@ssw0rd!\" } }\n")], []);

    [Fact]
    public Task SlacksDocumentedSigningSecret_IsNotReported() => Code(
        "    // Slack's example: signing secret 8f742231b10e8888abcd99yyyzzz85a5\n    void M() { }\n");

    [Fact]
    public Task GuidUnderAProviderPasswordName_IsReported() => Code(
        "    static readonly string FinixPassword = {|SSB1002:\"5468a1b2-9c3d-4e5f-8a7b-1c2d3e4f5a6b\"|};\n");

    [Fact]
    public Task GuidUnderAProviderPasswordKeyInSettings_IsReported() =>
        Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), "class C { }\n", [("/p/.env", "FINIX_PASSWORD={|SSB1006:5468a1b2-9c3d-4e5f-8a7b-1c2d3e4f5a6b|}\n")], []);

    [Fact]
    public Task GuidUnderABareOrGenericPasswordName_IsNotReported() => Code(
        "    static readonly string Password = \"5468a1b2-9c3d-4e5f-8a7b-1c2d3e4f5a6b\";\n"
        + "    static readonly string UserPassword = \"6468a1b2-9c3d-4e5f-8a7b-1c2d3e4f5a6b\";\n"
        + "    static readonly string DefaultPassword = \"7468a1b2-9c3d-4e5f-8a7b-1c2d3e4f5a6b\";\n"
        + "    static readonly string FinixPassword = \"00000000-0000-0000-0000-000000000000\";\n");
}
