using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1002_HardcodedCredentialTests
{
    private const string Password = "Tr0ub4dor" + "&3x";
    private const string Token = "q8Zr4Lm2" + "Xv7Tn9Kp3Wd6Y";

    [Theory]
    [InlineData("class C { void M() { var dbPassword = {|SSB1002:\"" + Password + "\"|}; } }")]
    [InlineData("class C { string adminPassphrase = {|SSB1002:\"correct-horse-battery-staple\"|}; }")]
    [InlineData("class C { private const string ApiToken = {|SSB1002:\"" + Token + "\"|}; }")]
    [InlineData("class C { public string ClientSecret { get; set; } = {|SSB1002:\"" + Token + "\"|}; }")]
    [InlineData("class C { public string Password => {|SSB1002:\"" + Password + "\"|}; }")]
    [InlineData("class C { void M(string password = {|SSB1002:\"" + Password + "\"|}) { } }")]
    [InlineData("class C { string pwd = \"\"; void M() { pwd = {|SSB1002:\"" + Password + "\"|}; } }")]
    [InlineData("class C { string Secret = \"\"; void M(C c) { c.Secret = {|SSB1002:\"" + Token + "\"|}; } }")]
    [InlineData("class C { void Connect(string host, string password) { } void M() { Connect(\"db\", password: {|SSB1002:\"" + Password + "\"|}); } }")]
    [InlineData("class C { void M() { var d = new System.Collections.Generic.Dictionary<string, string>(); d[\"api_key\"] = {|SSB1002:\"" + Token + "\"|}; } }")]
    [InlineData("class C { object M() => new System.Collections.Generic.Dictionary<string, string> { [\"Password\"] = {|SSB1002:\"" + Password + "\"|} }; }")]
    [InlineData("class C { object M() => new System.Collections.Generic.Dictionary<string, string> { { \"access_token\", {|SSB1002:\"" + Token + "\"|} } }; }")]
    [InlineData("class C { void M() { var d = new System.Collections.Generic.Dictionary<string, string>(); d.Add(\"Db:Password\", {|SSB1002:\"" + Password + "\"|}); } }")]
    [InlineData("class C { object M() => new { userName = \"svc\", password = {|SSB1002:\"" + Password + "\"|} }; }")]
    [InlineData("class A : System.Attribute { public string Password { get; set; } = \"\"; } [A(Password = {|SSB1002:\"" + Password + "\"|})] class C { }")]
    [InlineData("class C { object M() => new C2 { Password = {|SSB1002:\"" + Password + "\"|} }; } class C2 { public string Password { get; set; } = \"\"; }")]
    [InlineData("class C { bool M(string password) => password == {|SSB1002:\"" + Password + "\"|}; }")]
    [InlineData("class C { void M() { System.Environment.SetEnvironmentVariable(\"API_KEY\", {|SSB1002:\"" + Token + "\"|}); } }")]
    [InlineData("class C { object M() => new System.Net.NetworkCredential(\"svc\", {|SSB1002:\"" + Password + "\"|}); }")]
    [InlineData("class C { object M() => new System.Security.Cryptography.X509Certificates.X509Certificate2(\"cert.pfx\", {|SSB1002:\"" + Password + "\"|}); }")]
    [InlineData("class C { object M() => new System.Net.Http.Headers.AuthenticationHeaderValue(\"Bearer\", {|SSB1002:\"" + Token + "\"|}); }")]
    [InlineData("class C { void M(System.Net.Http.HttpClient c) { c.DefaultRequestHeaders.Add(\"Authorization\", {|SSB1002:\"Bearer " + Token + "\"|}); } }")]
    [InlineData("class C { string Config(string c) => c; void M() { var dbPassword = Config(\"x\") ?? {|SSB1002:\"" + Password + "\"|}; } }")]
    public Task CredentialShape_IsReported(string source) => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source);

    [Theory]
    [InlineData("class C { void M() { var password = System.Environment.GetEnvironmentVariable(\"DB_PASSWORD\"); } }")]
    [InlineData("class C { const string PasswordKey = \"Database:Password\"; }")]
    [InlineData("class C { const string PasswordEnvVar = \"DB_PASSWORD\"; }")]
    [InlineData("class C { const string PasswordError = \"The password is too short\"; }")]
    [InlineData("class C { const int PasswordLength = 12; const string TokenEndpoint = \"https://login.example.com/token\"; }")]
    [InlineData("class C { string apiKey = \"<your-api-key>\"; }")]
    [InlineData("class C { string password = \"changeme\"; }")]
    [InlineData("class C { string secretName = \"q8Zr4Lm2Xv7Tn9Kp3Wd6Y\"; }")]
    [InlineData("class C { string token = \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"; }")] // the GUID documentation example
    [InlineData("class C { string correlationToken = \"9b1c2d7e-5a4f-4e3b-8c6d-2f7a1e9b0c3d\"; string tenantId = \"9b1c2d7e-5a4f-4e3b-8c6d-2f7a1e9b0c3e\"; }")]
    [InlineData("class C { string token = \"cancellationTokenSource\"; }")]
    [InlineData("class C { string passwordHash = \"5f4dcc3b5aa765d61d8327deb882cf99\"; }")]
    [InlineData("class C { const string ClientCredentials = \"client_credentials\"; const string JwtBearer = \"urn:ietf:params:oauth:client-assertion-type:jwt-bearer\"; }")]
    [InlineData("class C { object M() => new System.Security.Cryptography.X509Certificates.X509Certificate2(\"dev.pfx\", \"changeit\"); }")]
    [InlineData("class C { object M() => new System.Net.NetworkCredential(\"svc\", System.Environment.GetEnvironmentVariable(\"PW\")); }")]
    public Task NotACredential_IsNotReported(string source) => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source);

    [Fact]
    public Task ShortOrLowEntropyToken_IsNearMissAndNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("""
        class C { string apiToken = "abcabcabcabcabcabc"; string password = "12345"; }
        """);

    [Fact]
    public Task MinEntropyOption_RaisesTheBar() => Verify.AnalyzerAsync(new HardcodedSecretAnalyzer(),
        "class C { string apiToken = \"" + Token + "\"; }", [], [], "securebuild.secrets.min_entropy = 5.5");
}
