using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, fifth round: general mechanisms, each with cases it must report and look-alikes it must not: prose and
/// loose separators, attribute arguments, keys in webhook and API URLs, credential calls, builder chains and headers,
/// credential files and command lines inside strings, configuration files, and the measured fallback for names that
/// hold a credential word anywhere. Values are made up for the tests.
/// </summary>
public sealed class SecretRound5Tests
{
    private const string Base62 = "Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0G";
    private const string Base62Long = "Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Np5W";
    private const string Hex40 = "9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e2a4d6f8b";
    private const string Hex64 = "9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e2a4d6f8b0c1e3a5d7f9b2c4e6a8d0f1b";
    private const string LowerDigits32 = "k3j9x2m7q4w8n1p6r5t0v2b8c4z7y1h3";
    private const string Base64Key = "u9Hq2+Lm7Vr/Tz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Np=";
    private const string Password = "Tr0ub4dor" + "&3x-77";
    private const string Guid = "6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6";

    private static string Keypair(int count, bool random = true) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => random ? (i * 151 + 37) % 256 : 0)) + "]";

    private static Task Code(string members, params string[] additionalSources) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("using System;\nusing System.Text;\nclass C\n{\n" + members + "}\n", additionalSources);

    private static Task Config(string path, string markedText) =>
        Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), "class C { }\n", [(path, markedText)], []);

    // ------------------------------------------------------------------ 1. prose, loose separators, attributes

    [Theory]
    [InlineData("    // the api key is {|SSB1008:" + Base62 + "|}\n")]
    [InlineData("    // Staging password is {|SSB1008:" + Password + "|} until the rotation.\n")]
    [InlineData("    // token -> {|SSB1008:" + Base62 + "|}\n")]
    [InlineData("    /* secret => {|SSB1008:" + Base62 + "|} */\n")]
    [InlineData("    /// <remarks>Signs with the webhook secret <c>{|SSB1008:" + Base62 + "|}</c>.</remarks>\n")]
    [InlineData("    // Orders API key {|SSB1008:" + Base62Long + "|}\n")]
    [InlineData("    // the access token was `{|SSB1008:" + Base62 + "|}`\n")]
    public Task CredentialsWrittenAsProseInComments_AreReported(string comment) => Code(comment + "    void M() { }\n");

    [Theory]
    [InlineData("    // the password is required\n")]
    [InlineData("    // token is expired after 5 minutes\n")]
    [InlineData("    // the cache key is " + Base62 + "\n")]
    [InlineData("    // the public key is " + Base62 + "\n")]
    [InlineData("    // password is stored in Key Vault (orders-db-password)\n")]
    [InlineData("    // the key is 32 bytes long\n")]
    [InlineData("    // token -> cancellationToken\n")]
    [InlineData("    /// <remarks>The token <c>CancellationToken.None</c> is passed on.</remarks>\n")]
    [InlineData("    // see key " + Hex40 + " in the commit log\n")]
    public Task ProseAboutCredentials_IsNotReported(string comment) => Code(comment + "    void M() { }\n");

    [Fact]
    public Task ProseInStrings_IsReported() => Code(
        "    string A() => {|SSB1002:\"The API key is " + Base62 + "\"|};\n"
        + "    string B() => {|SSB1002:\"deploy token -> " + Base62 + "\"|};\n"
        + "    string D() => {|SSB1002:\"password was " + Password + "\"|};\n");

    [Fact]
    public Task ProseLookAlikesInStrings_AreNotReported() => Code(
        "    string A() => \"The password is incorrect.\";\n"
        + "    string B() => \"Token was revoked: {0}\";\n"
        + "    string D() => \"The key is \" + nameof(A);\n");

    [Fact]
    public Task PositionalAndNamedAttributeArguments_AreReported() => Code(
        "    [ApiKey({|SSB1002:\"" + Base62 + "\"|})] void A() { }\n"
        + "    [Credential(\"svc-orders\", {|SSB1002:\"" + Password + "\"|})] void B() { }\n"
        + "    [Login(Password = {|SSB1002:\"" + Password + "\"|})] void D() { }\n",
        "class ApiKeyAttribute : System.Attribute { public ApiKeyAttribute(string key) { } }\n"
        + "class CredentialAttribute : System.Attribute { public CredentialAttribute(string user, string password) { } }\n"
        + "class LoginAttribute : System.Attribute { public string? Password { get; set; } }\n");

    [Fact]
    public Task AttributeLookAlikes_AreNotReported() => Code(
        "    [Route(\"" + Base62 + "\")] void A() { }\n"
        + "    [Credential(\"svc-orders\", \"\")] void B() { }\n"
        + "    [ApiKey(\"X-Api-Key\")] void D() { }\n"
        + "    [System.ComponentModel.DisplayName(\"Password\")] string? E { get; set; }\n",
        "class RouteAttribute : System.Attribute { public RouteAttribute(string template) { } }\n"
        + "class ApiKeyAttribute : System.Attribute { public ApiKeyAttribute(string header) { } }\n"
        + "class CredentialAttribute : System.Attribute { public CredentialAttribute(string user, string password) { } }\n");

    // ------------------------------------------------------------------ 2. URLs

    [Theory]
    [InlineData("const string Rpc = {|SSB1001:\"https://eth-mainnet.example.com/v2/" + Base62 + "\"|};")]
    [InlineData("const string Scenario = {|SSB1001:\"https://hook.eu1.make.example/" + LowerDigits32 + "\"|};")]
    [InlineData("const string Notify = {|SSB1001:\"https://gotify.example.net/message?token=AbC7dEf9GhJ2kLm\"|};")]
    [InlineData("const string Feed = {|SSB1001:\"https://" + Hex40 + ":@packages.example.io/contoso/npm/\"|};")]
    [InlineData("const string Git = {|SSB1001:\"https://" + Base62 + "@git.example.com/contoso/orders.git\"|};")]
    [InlineData("string M(string evt) => {|SSB1001:$\"https://maker.example.com/trigger/{evt}/json/with/key/" + Base62 + "\"|};")]
    [InlineData("string M(string id) => {|SSB1001:$\"https://rpc.example.org/nft/v3/" + Base62 + "/owners?id={id}\"|};")]
    [InlineData("const string Hook = \"https://hooks.example.com/services/\" + {|SSB1002:\"" + Base62 + "\"|};")]
    public Task KeysInWebhookAndApiUrls_AreReported(string member) => Code("    " + member + "\n");

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://drive.google.com/file/d/1aB3cD5eF7gH9iJ1kL3mN5oP7qR9sT1uV/view")]
    [InlineData("https://docs.google.com/document/d/1Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Kp8W/edit")]
    [InlineData("https://github.com/contoso/orders/commit/" + Hex40)]
    [InlineData("https://cdn.example.com/v2/" + Hex40 + "/app.js")]
    [InlineData("https://gist.github.com/octocat/" + Hex40)]
    [InlineData("https://api.example.com/v2/users/" + Base62)]
    [InlineData("https://hooks.example.com/status")]
    [InlineData("https://push.example.com/assets/app.9f3b7c1e5a2d8f4b.js")]
    [InlineData("https://api.example.com/v1/webhooks/we_1Kq7Lm2Vr9Tz4Kp8Wn3Ys6Bd")]
    [InlineData("https://ci:@packages.example.io/contoso/npm/")]
    [InlineData("https://gotify.example.net/message?token=abcdefghijklmno")]
    public Task UrlLookAlikes_AreNotReported(string url) => Code("    const string Link = \"" + url + "\";\n");

    // ------------------------------------------------------------------ 3. calls, builders, headers

    [Fact]
    public Task CredentialCallsBuildersAndHeaders_AreReported() => Code(
        "    void M(Builder b, System.Net.Http.HttpRequestMessage r, System.Net.Http.HttpClient c)\n    {\n"
        + "        b.UseCredentials(\"orders\", {|SSB1002:\"" + Password + "\"|}).WithApiKey({|SSB1002:\"" + Base62 + "\"|});\n"
        + "        r.Headers.Add(\"X-Auth-Token\", {|SSB1002:\"" + Base62 + "\"|});\n"
        + "        c.DefaultRequestHeaders.TryAddWithoutValidation(\"Authorization\", {|SSB1002:\"Zoho-enczapikey " + Base64Key + "\"|});\n"
        + "        c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(\"Basic\", Convert.ToBase64String(Encoding.ASCII.GetBytes({|SSB1002:\"" + Hex40 + "\"|} + \":x\")));\n"
        + "    }\n"
        + "    static readonly byte[] FieldEncryptionKey = Convert.FromHexString({|SSB1002:\"" + Hex64 + "\"|});\n",
        "class Builder { public Builder UseCredentials(string user, string password) => this; public Builder WithApiKey(string key) => this; }\n"
        + "class DailyClient { public DailyClient(string key) { } }\n");

    [Fact]
    public Task CredentialCallLookAlikes_AreNotReported() => Code(
        "    void M(Builder b, System.Net.Http.HttpRequestMessage r)\n    {\n"
        + "        b.ValidateCredentials(\"orders\", \"" + Password + "\");\n"
        + "        r.Headers.Add(\"X-Request-Id\", \"" + Base62 + "\");\n"
        + "        r.Headers.Add(\"Authorization\", \"Custom-Scheme is not set\");\n"
        + "        Use(Convert.ToBase64String(Encoding.ASCII.GetBytes(\"orders\" + \":x\")));\n"
        + "    }\n"
        + "    static readonly byte[] ContentSha256 = Convert.FromHexString(\"" + Hex64 + "\");\n"
        + "    object N() => new DailyLookup(\"" + Guid + "\");\n"
        + "    static void Use(string s) { }\n",
        "class Builder { public bool ValidateCredentials(string user, string password) => true; }\n"
        + "class DailyLookup { public DailyLookup(string key) { } }\n");

    // ------------------------------------------------------------------ 4. credential files and command lines in strings

    [Fact]
    public Task CredentialFilesAndCommandLinesInStrings_AreReported() => Code(
        "    const string SolanaPayerKeypair = {|SSB1002:\"" + Keypair(64) + "\"|};\n"
        + "    static ReadOnlySpan<byte> KeyXml => {|SSB1004:\"\"\"\n        <key id=\"" + Guid + "\" version=\"1\"><descriptor><masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"urn:dp\">"
        + "<value>" + Base64Key + "</value></masterKey></descriptor></key>\n        \"\"\"u8|};\n"
        + "    // echo \"{|SSB1008:" + Password + "|}\" | docker login registry.example.com -u ci --password-stdin\n"
        + "    string Login() => {|SSB1002:\"docker login -u ci -p " + Password + " registry.example.com\"|};\n"
        + "    string Push() => {|SSB1002:\"nuget push pkg.nupkg --api-key " + Base62 + " --source feed\"|};\n"
        + "    const string Request = {|SSB1002:\"GET /v1/orders HTTP/1.1\\r\\nHost: api.example.com\\r\\nAuthorization: Bearer " + Base62 + "\\r\\n\"|};\n");

    [Fact]
    public Task CredentialFileLookAlikes_AreNotReported() => Code(
        "    const string SolanaPayerKeypair = \"" + Keypair(64, random: false) + "\";\n"
        + "    const string Weights = \"" + Keypair(64) + "\";\n"
        + "    const string KeyRing = \"<key><descriptor><encryptedSecret><value>AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA</value></encryptedSecret></descriptor></key>\";\n"
        + "    // echo \"$REGISTRY_PASSWORD\" | docker login registry.example.com -u ci --password-stdin\n"
        + "    string Login() => \"docker login -u ci -p $REGISTRY_PASSWORD registry.example.com\";\n"
        + "    string Push() => \"nuget push pkg.nupkg --api-key %NUGET_API_KEY% --token-file ./token.txt\";\n");

    // ------------------------------------------------------------------ 5. configuration files

    [Fact]
    public Task WebConfigCredentialAttribute_IsReported() => Config("/p/web.config",
        "<configuration>\n  <system.net>\n    <mailSettings>\n      <smtp from=\"alerts@example.com\">\n"
        + "        <network host=\"smtp.example.com\" port=\"587\" userName=\"alerts@example.com\" password=\"[|qzvx mtrw kplh fgnd|]\" enableSsl=\"true\" />\n"
        + "      </smtp>\n    </mailSettings>\n  </system.net>\n  <appSettings>\n    <add key=\"Orders.Smtp.ApiToken\" value=\"[|" + Base62 + "|]\" />\n  </appSettings>\n</configuration>\n");

    [Fact]
    public Task WebConfigLookAlikes_AreNotReported() => Config("/p/web.config",
        "<configuration>\n  <system.net>\n    <mailSettings>\n      <smtp from=\"alerts@example.com\">\n"
        + "        <network host=\"smtp.example.com\" port=\"587\" userName=\"alerts@example.com\" password=\"\" defaultCredentials=\"true\" />\n"
        + "      </smtp>\n    </mailSettings>\n  </system.net>\n  <appSettings>\n    <add key=\"PasswordHint\" value=\"Use at least twelve characters\" protocolVersion=\"3\" />\n  </appSettings>\n</configuration>\n");

    [Fact]
    public Task LocalSettingsJsonValues_AreReported() => Config("/p/local.settings.json",
        "{\n  \"IsEncrypted\": false,\n  \"Values\": {\n    \"FUNCTIONS_WORKER_RUNTIME\": \"dotnet-isolated\",\n    \"TypesenseAdminApiKey\": \"[|" + Base62 + "|]\"\n  }\n}\n");

    [Fact]
    public Task SectionsNamedAfterCredentials_AreReported() => Config("/p/appsettings.json",
        "{\n  \"ApiKeys\": {\n    \"Typesense\": \"[|" + Base62 + "|]\"\n  },\n  \"Jwt\": {\n    \"Key\": \"[|" + Base64Key + "|]\"\n  },\n"
        + "  \"Encryption\": {\n    \"AesKeyHex\": \"[|" + Hex64 + "|]\"\n  }\n}\n");

    [Fact]
    public Task SectionLookAlikes_AreNotReported() => Config("/p/appsettings.json",
        "{\n  \"Password\": {\n    \"RequiredLength\": \"12\"\n  },\n  \"ApiKeys\": {\n    \"HeaderName\": \"X-Api-Key\"\n  },\n"
        + "  \"Integrity\": {\n    \"ScriptKeySha256\": \"" + Hex64 + "\"\n  },\n  \"Jwt\": {\n    \"Issuer\": \"https://login.example.com/\"\n  }\n}\n");

    [Fact]
    public Task NuGetConfigTokenAsUserName_IsReported() => Config("/p/nuget.config",
        "<configuration>\n  <packageSources>\n    <add key=\"internal\" value=\"https://[|" + Hex40 + "|]:@packages.example.io/contoso/nuget/\" />\n  </packageSources>\n</configuration>\n");

    [Fact]
    public Task EnvHexKey_IsReported() => Config("/p/.env", "ASPNETCORE_ENVIRONMENT=Production\nAES_KEY_HEX=[|" + Hex64 + "|]\n");

    // ------------------------------------------------------------------ 6. names with a credential word anywhere

    [Theory]
    [InlineData("AesKeyHex", Hex64)]
    [InlineData("KeyMaterial", Base62Long)]
    [InlineData("SecretsBlob", Base64Key)]
    [InlineData("HmacKeyB64", Base64Key)]
    [InlineData("TokenForReports", Base62Long)]
    public Task RandomValuesUnderNamesHoldingACredentialWord_AreReported(string name, string value) => Code(
        "    const string " + name + " = {|SSB1002:\"" + value + "\"|};\n");

    [Theory]
    [InlineData("KeySha256", Hex64)]
    [InlineData("KeyIdentifier", Base62Long)]
    [InlineData("KeyId", Base62Long)]
    [InlineData("TokenNonce", Base62Long)]
    [InlineData("PublicKeyBase64", Base64Key)]
    [InlineData("KeyFingerprint", Hex40)]
    [InlineData("CacheKeyHash", Hex64)]
    [InlineData("KeyHex", "0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("KeyText", "SGVsbG8gd29ybGQsIHRoaXMgaXMgcGxhaW4gdGV4dCBkYXRh")]
    [InlineData("TokenizerModel", Base62Long)]
    [InlineData("KeyWords", "password token secret key apikey credential")]
    public Task LookAlikesUnderNamesHoldingACredentialWord_AreNotReported(string name, string value) => Code(
        "    const string " + name + " = \"" + value + "\";\n");
}
