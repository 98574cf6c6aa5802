using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, ninth round: provider-named credential names whose provider word holds a not-secret word (Instatus,
/// StackPath), a PAT or passkey as the name's last word, a GUID or 32-hex key given to a client's bare 'key', a password
/// passed to a parameter after a DN-like first argument, a value flagged `secret: true`; and the look-alikes that stay
/// unreported (commit SHAs given to a client, lookup keys, public keys, the Hardhat default account, RFC 6238's secret).
/// Values are made up for the tests.
/// </summary>
public sealed class SecretRound9Tests
{
    private static async Task<List<string>> Findings(string members)
    {
        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), "using System;\nusing System.Text;\nclass C\n{\n" + members + "\n}\n");
        return [.. diagnostics.Where(d => d.Id.StartsWith("SSB1", StringComparison.Ordinal)).Select(d => d.Id + " " + d.GetMessage())];
    }

    [Theory]
    [InlineData("StackPathClientSecret", "Key")]
    [InlineData("InstatusApiKey", "Key")]
    [InlineData("IssuerSigningKey", "Key")]
    [InlineData("OpenVsxPat", "Key")]
    [InlineData("GITEE_PAT", "Key")]
    [InlineData("MpesaPasskey", "Key")]
    [InlineData("InstatusPublicKey", "None")]
    [InlineData("StatusPageId", "None")]
    [InlineData("Compat", "None")]
    [InlineData("TokenPath", "None")]
    [InlineData("CsrfToken", "None")]
    public void ProviderNamedCredentialNames_AreClassifiedByTheirOwnWords(string name, string expected) =>
        Assert.Equal(expected, CredentialNames.Classify(name).ToString());

    [Theory]
    [InlineData("    const string StackPathClientSecret = \"4f1c9a7e2b3d8f60a5c4e1b29d7f3a8c6e0b5d2f9a4c7e1b38d6f0a2c5e9b7d1\";")]
    [InlineData("    const string InstatusApiKey = \"9d2f7a1c4e8b3f60a5d1c7e29b4f8a3c\";")]
    [InlineData("    void M() { var openVsxPat = \"3f9a1c7e-2b4d-4e8f-a6c1-9d7e3b5f2a80\"; U(openVsxPat); } void U(string s) { }")]
    [InlineData("    static readonly string MpesaPasskey = \"4f1c9a7e2b3d8f60a5c4e1b29d7f3a8c6e0b5d2f9a4c7e1b38d6f0a2c5e9b7d1\";")]
    [InlineData("    const string AvalaraLicenseKey = \"0733A9F1C4E8B2D6\";")]
    [InlineData("    sealed class LdapConnection { public void Bind(string dn, string password) { } }\n    void M(LdapConnection conn) => conn.Bind(\"cn=svc,dc=contoso,dc=com\", \"Kqwert_Xa9Lm2Tq7Zp41!\");")]
    [InlineData("    sealed class BflClient { public BflClient(string key) { } }\n    object M() => new BflClient(\"3f9a1c7e-2b4d-4e8f-a6c1-9d7e3b5f2a80\");")]
    [InlineData("    sealed class CronitorClient { public CronitorClient(string key) { } }\n    object M() => new CronitorClient(\"9d2f7a1c4e8b3f60a5d1c7e29b4f8a3c\");")]
    [InlineData("    sealed class WidgetAuthenticator { public WidgetAuthenticator(string key) { } }\n    object M() => new WidgetAuthenticator(\"9d2f7a1c4e8b3f60a5d1c7e29b4f8a3c\");")]
    [InlineData("    sealed class B { public object AddParameter(string name, string value, bool publishValueAsDefault = false, bool secret = false) => new(); }\n    object M(B builder) => builder.AddParameter(\"pg-password\", \"Kqwert_Xa9Lm2Tq7Zp41!\", secret: true);")]
    [InlineData("    sealed class B { public object AddValue(string name, string value, bool secret = false) => new(); }\n    object M(B builder) => builder.AddValue(\"upstream\", \"Xk9mQ2vLp7Rt4Wz8Bn3Hj6Fd\", secret: true);")]
    [InlineData("    const string JwtSigningSecret = \"Xk9mQ2vLp7Rt4Wz8Bn3Hj6Fd1Sa5Gc0Y\";")]
    [InlineData("    const string MollieApiKey = \"live_Xk9mQ2vLp7Rt4Wz8Bn3Hj6Fd1Sa5G\";")]
    public async Task RandomValueUnderACredential_IsReported(string members) => Assert.NotEmpty(await Findings(members));

    [Theory]
    [InlineData("    sealed class CiClient { public CiClient(string key) { } }\n    object M() => new CiClient(\"7b40c9a1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7\");")]
    [InlineData("    sealed class Cache { public void Set(string key, string value) { } }\n    void M(Cache c) => c.Set(\"9d2f7a1c4e8b3f60a5d1c7e29b4f8a3c\", \"entry\");")]
    [InlineData("    sealed class Repo { public Repo(string key) { } }\n    object M() => new Repo(\"3f9a1c7e-2b4d-4e8f-a6c1-9d7e3b5f2a80\");")]
    [InlineData("    const string InstatusPublicKey = \"9d2f7a1c4e8b3f60a5d1c7e29b4f8a3c\";")]
    [InlineData("    const string HardhatAccount0PrivateKey = \"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\";")]
    [InlineData("    static readonly string TotpRfc6238Secret = \"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\";")]
    [InlineData("    sealed class B { public object AddParameter(string name, string value, bool secret = false) => new(); }\n    object M(B builder) => builder.AddParameter(\"region\", \"westeurope\", secret: true);")]
    [InlineData("    const string JwtSecret = \"ThisIsMySecretKeyForDevelopmentOnly\";")]
    [InlineData("    sealed class Options { public string? SigningKey { get; set; } }\n    object M() => new Options { SigningKey = \"SuperSecretSigningKeyChangeMe\" };")]
    [InlineData("    const string DocsConnectionString = \"mongodb://myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com:27017/?authSource=admin\";")]
    [InlineData("    void M() { var revenueCatAppleApiKey = \"appl_Xk9mQ2vLp7Rt4Wz8Bn3Hj6Fd1Sa\"; U(revenueCatAppleApiKey); } void U(string s) { }")]
    [InlineData("    const string RumClientToken = \"pub4f1c9a7e2b3d8f60a5c4e1b29d7f3a8c\";")]
    [InlineData("    sealed class CheckoutConfig { public CheckoutConfig(string clientKey, string environment) { } }\n    object M() => new CheckoutConfig(clientKey: \"live_7QX2M4KD9PLW3ZR8TJ5BN6VC1HY0FGS2\", environment: \"live\");")]
    [InlineData("    sealed class B { public object AddValue(string name, string value, string note) => new(); }\n    object M(B b) => b.AddValue(\"password\", \"Kqwert_Xa9Lm2Tq7Zp41!\", \"see vault\");")]
    public async Task LookAlikes_AreNotReported(string members) => Assert.Empty(await Findings(members));

    [Theory]
    [InlineData("    // prod replica: user=svc_reporting pass=Kqwert_Xa9Lm2Tq7Zp41!\n    void M() { }")]
    [InlineData("    // CI writes ~/.netrc before `wandb sync`:\n    //   machine api.wandb.ai\n    //     login user\n    //     password 29804f1c9a7e2b3d8f60a5c4e1b29d7f3a8c6e0b\n    void M() { }")]
    [InlineData("    void M() { System.IO.File.WriteAllText(\"kaggle.json\", \"\"\"{\"username\":\"contoso-ml\",\"key\":\"85504f1c9a7e2b3d8f60a5c4e1b29d7f\"}\"\"\"); }")]
    [InlineData("    const string PromptLayerApiKey = @\"pl_4f1c9a7e2b3d8f60a5c4e1b29d7f3a8c\";")]
    [InlineData("    string M(string ip) => $\"https://ipqualityscore.com/api/json/ip/Vp3CXk9mQ2vLp7Rt4Wz8Bn3Hj6Fd1Sa5G/{ip}?strictness=1\";")]
    [InlineData("    void M() { var onCallEndpoint = \"https://alert.victorops.com/integrations/generic/20131114/alert/3f9a1c7e-2b4d-4e8f-a6c1-9d7e3b5f2a80/database\"; U(onCallEndpoint); } void U(string s) { }")]
    [InlineData("    const string Feed = \"https://nuget.vendor.io/3f9a1c7e-2b4d-4e8f-a6c1-9d7e3b5f2a80/v3/index.json\";")]
    [InlineData("    void M(System.Net.Http.HttpRequestMessage r) => r.Headers.TryAddWithoutValidation(\"Authorization\", \"ApiToken \" + \"Xk9mQ2vLp7Rt4Wz8Bn3Hj6Fd1Sa5Gc0Ye2Ui7Oo4Pl9Kq\");")]
    [InlineData("    void M(System.Net.Http.HttpRequestMessage r) => r.Headers.TryAddWithoutValidation(\"Authorization\", \"sso-key dLP4m2Wbq8Ac_JQ3VxK8tF2yXp1Lr9sTcE:\" + \"7qEsXk9mQ2vLp7Rt4Wz8Bn\");")]
    public async Task KeysInCommentsBodiesAndUrlPaths_AreReported(string members) => Assert.NotEmpty(await Findings(members));

    [Theory]
    [InlineData("    // staging replica: user=svc_reporting pass=${DB_PASS}\n    void M() { }")]
    [InlineData("    // the .netrc holds a machine and a login line per host\n    //     password rotation is weekly\n    void M() { }")]
    [InlineData("    void M() { System.IO.File.WriteAllText(\"cache.json\", \"\"\"{\"username\":\"contoso-ml\",\"key\":\"orders-cache-v2\"}\"\"\"); }")]
    [InlineData("    const string Orders = \"https://shop.example.com/api/v2/users/3f9a1c7e-2b4d-4e8f-a6c1-9d7e3b5f2a80/orders\";")]
    [InlineData("    const string Item = \"https://shop.example.com/api/objects/507f1f77bcf86cd799439011507f1f77/details\";")]
    [InlineData("    const string Slug = \"https://shop.example.com/api/files/report-2024-annual-summary-final/download\";")]
    [InlineData("    const string Feed = \"https://pkgs.dev.azure.com/contoso/_packaging/3f9a1c7e-2b4d-4e8f-a6c1-9d7e3b5f2a80/nuget/v3/index.json\";")]
    [InlineData("    const string Feed = \"https://nuget.vendor.io/public-packages/v3/index.json\";")]
    [InlineData("    string M(string id) => \"ApiToken \" + \"see the vault entry\";")]
    [InlineData("    string M() => \"Monkey business: \" + \"Xk9mQ2vLp7Rt4Wz8Bn3Hj6Fd1Sa5Gc0Y\";")]
    public async Task IdsAndNamesInCommentsBodiesAndUrlPaths_AreNotReported(string members) => Assert.Empty(await Findings(members));
}
