using System.Text;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// The general mechanisms, context by context: a credential name next to a secret-shaped value (comments, literals,
/// interpolated strings, URL query strings and userinfo, header values, u8 literals, parameters a positional argument
/// binds to, configuration values), GUID-shaped keys under secret names, and the look-alikes other scanners keep as
/// known non-secrets. Values are made up for the tests (random-looking, never issued by anyone).
/// </summary>
public sealed class SecretGeneralDetectionTests
{
    private const string Base62 = "Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2";
    private const string Hex40 = "9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e9a2d4f6b";
    private const string Hex32 = "4c9e2a7f1b8d3e6a0c5f9b2d7e1a4c8f";
    private const string Guid = "6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6";
    private const string Base64WithSlash = "Rk9v/YmFy+QmF6L3F1eCtxdXV4/Y29yZ2U9Z3JhdWx0+Z2FycGx5";

    [Theory]
    [InlineData("    // ALPACA_SECRET_KEY={|SSB1008:" + Base62 + "|}\n")]
    [InlineData("    /* AzureSearch:AdminKey = {|SSB1008:" + Base62 + "|} */\n")]
    [InlineData("    // Bluesky AppPassword: {|SSB1008:k3m9-x2q7-p8v4-t6w1|}\n")]
    [InlineData("    // export PAYMENTS_API_TOKEN=\"{|SSB1008:" + Base62 + "|}\"\n")]
    [InlineData("    // Authorization: Bearer {|SSB1008:" + Base62 + "|}\n")]
    [InlineData("    // staging: curl \"https://api.example.org/v1/items?page=2&access_token={|SSB1008:" + Base62 + "|}\"\n")]
    public Task CredentialNameAndValueInComment_IsReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + comment + "    void M() { }\n}\n");

    [Theory]
    [InlineData("    // Reads ALPACA_SECRET_KEY from the environment; see Settings:ApiKey.\n")]
    [InlineData("    // password: %DB_PASSWORD%\n")]
    [InlineData("    // token = ${GITHUB_TOKEN}\n")]
    [InlineData("    // AccessToken: 2YotnFZFEjr1zjCsicMWpAA (the RFC 6749 example)\n")]
    [InlineData("    // Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n")]
    [InlineData("    // ClientId = " + Guid + "\n")]
    [InlineData("    // apiKey: test-api-key-for-ci-only\n")]
    public Task NameOrLookAlikeInComment_IsNotReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + comment + "    void M() { }\n}\n");

    [Theory]
    [InlineData("    string Url() => {|SSB1002:\"https://geo.example.net/v2/city?license_key=" + Base62 + "&ip=1.2.3.4\"|};\n")]
    [InlineData("    string Url() => {|SSB1002:\"https://contoso-fn.azurewebsites.net/api/ingest?code=" + Base62 + "==\"|};\n")]
    [InlineData("    string Url(string to) => {|SSB1002:$\"https://api.example.net/v1/send?api_key=" + Base62 + "&to={to}\"|};\n")]
    [InlineData("    string Url(string host, int page) => {|SSB1002:$\"{host}/items?page={page}&apikey=" + Base62 + "\"|};\n")]
    [InlineData("    string Url(string user, string host) => {|SSB1005:$\"https://{user}:" + Base64WithSlash + "@{host}/v1\"|};\n")]
    public Task CredentialInUrlQueryOrUserInfo_IsReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("    string Url(int page) => $\"https://api.example.net/v1/items?page={page}&sort=name&code=200\";\n")]
    [InlineData("    const string Local = \"http://localhost:8080/health/live@ready\";\n")]
    [InlineData("    string Url(string key) => $\"https://api.example.net/v1/items?api_key={key}&page=2\";\n")]
    [InlineData("    const string Docs = \"https://docs.example.net/auth?token=<your-token>\";\n")]
    public Task UrlWithoutCredential_IsNotReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("    void M(System.Net.Http.HttpClient c) => c.DefaultRequestHeaders.TryAddWithoutValidation(\"Authorization\", {|SSB1002:\"token " + Hex40 + "\"|});\n")]
    [InlineData("    void M(System.Net.Http.HttpClient c) => c.DefaultRequestHeaders.Add(\"Ocp-Apim-Subscription-Key\", {|SSB1001:\"" + Hex32 + "\"|});\n")]
    [InlineData("    System.Collections.Generic.Dictionary<string, string> H() => new() { [\"X-Api-Key\"] = {|SSB1002:\"" + Base62 + "\"|} };\n")]
    [InlineData("    const string Header = {|SSB1002:\"Authorization: ApiKey " + Base62 + "\"|};\n")]
    public Task CredentialInHeaderValue_IsReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("    const string Url = \"https://api.example.net/v1/send?api_key=\" + {|SSB1002:\"" + Base62 + "\"|};\n")]
    [InlineData("    string Header(string scheme) => \"Authorization: Bearer \" + {|SSB1002:\"" + Base62 + "\"|};\n")]
    [InlineData("    const string Pair = \"Region=eu;\" + \"client_secret=\" + {|SSB1002:\"" + Base62 + "\"|};\n")]
    public Task ValueConcatenatedAfterItsName_IsReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("    // api key: {|SSB1008:" + Base62 + "|}\n")]
    [InlineData("    // Twilio auth token = {|SSB1008:" + Base62 + "|}\n")]
    public Task MultiWordNameInComment_IsReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + comment + "    void M() { }\n}\n");

    [Theory]
    [InlineData("    string Key(string region) => ApiKey = {|SSB1002:$\"{region}-" + Base62 + "\"|};\n    string ApiKey = \"\";\n")]
    [InlineData("    const string ClientSecret = {|SSB1002:$\"" + Base62 + "\"|};\n")]
    public Task InterpolatedStringGivenToACredentialName_IsReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("    System.Collections.Generic.Dictionary<string, string> Docker() => new() { [\"auth\"] = {|SSB1002:\"" + Base62 + "\"|} };\n")]
    [InlineData("    sealed class Smtp { public string? Pass { get; set; } }\n    object M() => new Smtp { Pass = {|SSB1002:\"Tr0ub4dor-3x\"|} };\n")]
    [InlineData("    // pass: {|SSB1008:Tr0ub4dor-3x|}\n")]
    [InlineData("    const string JwtSecurityKey = {|SSB1002:\"" + Base62 + "\"|};\n")]
    [InlineData("    sealed class FcmOptions { public string? ServerKey { get; set; } }\n    object M() => new FcmOptions { ServerKey = {|SSB1002:\"" + Base62 + "\"|} };\n")]
    public Task ShortOrKeyShapedCredentialName_IsReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("    const string Author = \"Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1\";\n    const string Bypass = \"Tr0ub4dor-3x\";\n    const string Path = \"Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1\";\n")]
    public Task WordsContainingAShortCredentialName_AreNotReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Fact]
    public Task Base64DerPrivateKeyWithoutPemArmour_IsReported()
    {
        var body = Convert.ToBase64String(Enumerable.Range(0, 180).Select(i => (byte)((i * 97) + 31)).ToArray());
        return Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
            "class C\n{\n    const string SigningKey = {|SSB1004:\"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + body + "\"|};\n"
            + "    const string VerificationKey = \"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + body + "\";\n}\n");
    }

    [Fact]
    public Task Utf8LiteralGivenToACredentialName_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    static System.ReadOnlySpan<byte> MeiliMasterKey => {|SSB1002:\"" + Base62 + "\"u8|};\n}\n");

    [Fact]
    public Task PositionalArgumentBoundToACredentialParameter_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "sealed class PayClient { public PayClient(string region, string apiToken) { } }\n"
        + "sealed class GeoClient { public GeoClient(string key) { } }\n"
        + "class C\n{\n    object A() => new PayClient(\"eu-west\", {|SSB1002:\"" + Base62 + "\"|});\n"
        + "    object B() => new GeoClient({|SSB1002:\"" + Base62 + "\"|});\n}\n");

    [Fact]
    public Task PositionalArgumentBoundToAnOrdinaryParameter_IsNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "sealed class GeoLookup { public GeoLookup(string key) { } }\n"
        + "static class Cache { public static void Set(string key, string value) { } }\n"
        + "class C\n{\n    object B() => new GeoLookup(\"" + Guid + "\");\n"
        + "    void D() => Cache.Set(\"" + Base62 + "\", \"" + Base62 + "\");\n}\n");

    [Theory]
    [InlineData("    const string IngestToken = {|SSB1002:\"" + Guid + "\"|};\n")]
    [InlineData("    sealed class BuildOptions { public string? AccessKey { get; set; } }\n    object M() => new BuildOptions { AccessKey = {|SSB1002:\"" + Guid + "\"|} };\n")]
    [InlineData("    void M() { var splunkToken = {|SSB1001:\"" + Guid + "\"|}; System.GC.KeepAlive(splunkToken); }\n")]
    public Task GuidUnderASecretName_IsReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("    const string ClientId = \"" + Guid + "\";\n    const string TenantId = \"" + Guid + "\";\n")]
    [InlineData("    const string InstrumentationKey = \"" + Guid + "\";\n    const string CorrelationToken = \"" + Guid + "\";\n")]
    [InlineData("    const string ContinuationToken = \"" + Guid + "\";\n    const string SubscriptionId = \"" + Guid + "\";\n")]
    public Task GuidUnderAnIdName_IsNotReported(string member) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + member + "}\n");

    [Theory]
    [InlineData("ClerkSecretKey", "%CLERK_SECRET_KEY%")]
    [InlineData("AlpacaSecret", "$ALPACA_SECRET")]
    [InlineData("ApiToken", "test-api-token-for-ci-1234")]
    [InlineData("OAuthAccessToken", "2YotnFZFEjr1zjCsicMWpAA")]
    [InlineData("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")]
    [InlineData("AdminPassword", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")]
    [InlineData("PostHogApiKey", "phc_Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2Zq")]
    [InlineData("StripeKey", "pk_live_51Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2")]
    [InlineData("RazorpayKey", "rzp_live_Xq7Lm2Vr9Tz4Kp")]
    [InlineData("ApiKeyName", "organizations/6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6/apiKeys/6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a7")]
    [InlineData("AlgoliaSearchOnlyApiKey", Hex32)]
    [InlineData("RecaptchaSiteKey", "6LXq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo")]
    [InlineData("DbSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-Xq7Lm2")]
    [InlineData("SecretPath", "projects/orders-prod/secrets/db-password/versions/7")]
    [InlineData("P12Password", "notasecret")]
    [InlineData("SignalR", "Endpoint=http://localhost;Port=8888;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;")]
    [InlineData("Rfc7519Token", "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")]
    public Task KnownNonSecret_IsNotReported(string name, string value) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>($"class C\n{{\n    const string {name} = \"{value.Replace("\\", "\\\\", StringComparison.Ordinal)}\";\n}}\n");

    [Fact]
    public Task AnonRoleJwt_IsNotReportedButAServiceRoleJwtIs()
    {
        static string Jwt(string payload) => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + B64Url(payload) + ".Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2Zq1w";
        var anon = Jwt("{\"iss\":\"supabase\",\"ref\":\"qwertyuiopasdfghjklz\",\"role\":\"anon\",\"iat\":1700000000,\"exp\":2015576000}");
        var service = Jwt("{\"iss\":\"supabase\",\"ref\":\"qwertyuiopasdfghjklz\",\"role\":\"service_role\",\"iat\":1700000000,\"exp\":2015576000}");
        return Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
            $"class C\n{{\n    const string AnonKey = \"{anon}\";\n    const string ServiceKey = {{|SSB1001:\"{service}\"|}};\n}}\n");
    }

    [Fact]
    public Task QueryCredentialInsideAConfigurationValue_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), "class C { }",
        [
            ("/p/nuget.config", "<configuration>\n  <packageSourceCredentials>\n    <feed>\n      <add key=\"ClearTextPassword\" value=\"https://contoso-fn.azurewebsites.net/api/ingest?code=[|" + Base62 + "==|]\" />\n    </feed>\n  </packageSourceCredentials>\n</configuration>\n"),
            ("/p/web.config", "<configuration>\n  <appSettings>\n    <add key=\"Exports:SasUrl\" value=\"https://contosodata.blob.core.windows.net/exports?sv=2022-11-02&amp;sp=rl&amp;sig=[|Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2%2BabC%3D|]\" />\n  </appSettings>\n</configuration>\n"),
            ("/p/.env", "CYPRESS_RECORD_KEY=[|" + Guid + "|]\n"),
        ],
        []);

    [Fact]
    public Task PublicOrHashedValueInAConfigurationFile_IsNotReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), "class C { }",
        [
            ("/p/nuget.config", "<configuration>\n  <packageSourceCredentials>\n    <feed>\n      <add key=\"ClearTextPassword\" value=\"$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW\" />\n    </feed>\n  </packageSourceCredentials>\n"
                + "  <apikeys>\n    <add key=\"https://pkgs.example.io/nuget/v3/index.json\" value=\"organizations/6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6/apiKeys/6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a7\" />\n  </apikeys>\n</configuration>\n"),
            ("/p/appsettings.json", "{\n  \"Mapbox\": { \"AccessToken\": \"pk.eyJ1IjoiY29udG9zbyIsImEiOiJxd2VydHl1aW9wYXNkZmdoamtsIn0.Xq7Lm2Vr9Tz4Kp8Wn3Ys6B\" },\n  \"ApplicationInsights\": { \"InstrumentationKey\": \"" + Guid + "\" },\n  \"Clerk\": { \"SecretKey\": \"%CLERK_SECRET_KEY%\" }\n}\n"),
        ],
        []);

    private static string B64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
