using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, eighth round: credentials by the kind of text they sit in, several shapes of each: command lines in comments
/// and strings, JSON and form bodies inside strings, PEM keys with escaped line breaks, Basic credentials built in code,
/// session cookies, tokens in a URL's user info under any scheme, and a key right after a provider word in a comment.
/// Each kind has look-alikes that stay unreported. Values are made up for the tests.
/// </summary>
public sealed class SecretRound8Tests
{
    private static async Task<bool> Reported(string members) => (await Findings(members)).Count > 0;

    private static async Task<List<string>> Findings(string members)
    {
        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), "using System;\nusing System.Text;\nclass C\n{\n" + members + "\n}\n");
        return [.. diagnostics.Where(d => d.Id.StartsWith("SSB1", StringComparison.Ordinal)).Select(d => d.Id + " " + d.GetMessage())];
    }

    // ------------------------------------------------------------------ 1. command lines

    [Theory]
    [InlineData("    // reg add HKLM\\Software\\Contoso /v DbPassword /t REG_SZ /d Pr0dSecret#2024x /f\n    void M() { }")]
    [InlineData("    const string Cmd = \"mysql -h db01 -u admin -pS3cr3tPass!9x shop\";")]
    [InlineData("    // mysql -u root -pS3cr3tPass!9x\n    void M() { }")]
    [InlineData("    const string Cmd = \"sqlcmd -S db01 -U sa -P Xy9#kLm2Qw!z -Q \\\"select 1\\\"\";")]
    [InlineData("    // curl -u deploy:Tr7#mQ9xLp2v https://api.example.com/v1/items\n    void M() { }")]
    [InlineData("    const string Curl = \"curl -s -u deploy:Tr7#mQ9xLp2v https://api.example.com/v1/items\";")]
    [InlineData("    // curl -H \"X-Api-Key: 9f8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c\" https://api.example.com\n    void M() { }")]
    [InlineData("    // az login --service-principal -u http://ci-app -p Qx8~Tz3.Lm9_Vr2-Kp7 --tenant contoso.onmicrosoft.com\n    void M() { }")]
    [InlineData("    const string Login = \"docker login registry.example.com -u ci -p Dk9xQ2mLz7vTp4w\";")]
    [InlineData("    const string Net = \"net use Z: \\\\\\\\srv01\\\\share /user:CONTOSO\\\\svc Pz8#qLm2Xt5v\";")]
    [InlineData("    // sshpass -p 'Zq8#mLx2Tn5v' ssh deploy@10.0.0.5\n    void M() { }")]
    [InlineData("    const string Cmd = \"openssl pkcs12 -export -in c.pem -out c.pfx -passout pass:Gh7#kP2mXz9q\";")]
    [InlineData("    // Connect-Service -User admin -Password 'Rt5#nQ8zLm2x'\n    void M() { }")]
    public async Task PasswordOnACommandLine_IsReported(string members) => Assert.True(await Reported(members), members);

    [Theory]
    [InlineData("    // mysql -u root -p\n    void M() { }")]
    [InlineData("    const string Cmd = \"mysql -u root -p$MYSQL_PWD shop\";")]
    [InlineData("    const string Cmd = \"psql -h db01 -p 5432 -U app -d shop\";")]
    [InlineData("    const string Cmd = \"sqlcmd -S db01 -U sa -P %SA_PASSWORD% -Q \\\"select 1\\\"\";")]
    [InlineData("    // ssh -p 2222 deploy@10.0.0.5 -profile prod\n    void M() { }")]
    [InlineData("    // reg add HKLM\\Software\\Contoso /v InstallPath /t REG_SZ /d C:\\Contoso\\Bin /f\n    void M() { }")]
    [InlineData("    // reg add HKLM\\Software\\Contoso /v DbPassword /t REG_SZ /d %DB_PASSWORD% /f\n    void M() { }")]
    [InlineData("    const string Cmd = \"openssl pkcs12 -export -in c.pem -passout pass:$PFX_PASSWORD -passin env:KEY_PASS\";")]
    [InlineData("    // mysqldump -u backup -p --single-transaction shop > dump.sql\n    void M() { }")]
    [InlineData("    const string Run = \"docker run -u 1000 -p 8080:80 -p 127.0.0.1:5432:5432 nginx:1.27\";")]
    [InlineData("    // scp -P 2222 -u deploy build.zip host:/srv\n    void M() { }")]
    [InlineData("    const string Cmd = \"mysql -u app -p\\\"$(cat /run/secrets/db_pw)\\\" shop\";")]
    [InlineData("    const string Cmd = \"dotnet pack -p:Version=1.2.3 -u user -pack-output out\";")]
    public async Task CommandLinesWithoutALiteralPassword_AreNotReported(string members) => Assert.Empty(await Findings(members));

    // ------------------------------------------------------------------ 2. bodies in strings

    [Theory]
    [InlineData("    const string Body = \"{\\\"username\\\":\\\"svc-api\\\",\\\"password\\\":\\\"Qw8#zLm2Xt5v\\\"}\";")]
    [InlineData("    string M(string user) => $\"{{\\\"user\\\":\\\"{user}\\\",\\\"password\\\":\\\"Qw8#zLm2Xt5v\\\"}}\";")]
    [InlineData("    const string Form = \"grant_type=password&username=svc-api&password=Qw8#zLm2Xt5v\";")]
    [InlineData("    const string Form = \"grant_type=client_credentials&client_id=8a7b6c5d&client_secret=Zt9xQm2LkP7vRn4W\";")]
    [InlineData("    const string Body = \"\"\"{\"client_id\":\"app\",\"client_secret\":\"Zt9xQm2LkP7vRn4W\"}\"\"\";")]
    public async Task PasswordInAJsonOrFormBody_IsReported(string members) => Assert.True(await Reported(members), members);

    [Theory]
    [InlineData("    const string Body = \"{\\\"username\\\":\\\"svc\\\",\\\"password\\\":\\\"${DB_PASSWORD}\\\"}\";")]
    [InlineData("    const string Body = \"\"\"{\"token_type\":\"Bearer\",\"expires_in\":3600}\"\"\";")]
    [InlineData("    const string Body = \"\"\"{\"password\":\"<your-password>\"}\"\"\";")]
    [InlineData("    string M(string pw) => $\"{{\\\"user\\\":\\\"svc\\\",\\\"password\\\":\\\"{pw}\\\"}}\";")]
    public async Task BodiesWithoutALiteralCredential_AreNotReported(string members) => Assert.Empty(await Findings(members));

    // ------------------------------------------------------------------ 3. PEM keys with escaped line breaks (strings; config files below)

    [Theory]
    [InlineData("    const string Json = \"{\\\"private_key\\\": \\\"-----BEGIN PRIVATE KEY-----\\\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\\\n-----END PRIVATE KEY-----\\\\n\\\"}\";")]
    public async Task PemKeyWithEscapedLineBreaksInAString_IsReported(string members) => Assert.True(await Reported(members), members);

    // ------------------------------------------------------------------ 4. Basic credentials built in code

    [Theory]
    [InlineData("    string M() => Convert.ToBase64String(Encoding.UTF8.GetBytes(\"svc-api:\" + \"Pa55w0rd!Xq9\"));")]
    [InlineData("    string M(string user) => Convert.ToBase64String(Encoding.ASCII.GetBytes($\"{user}:Pa55w0rd!Xq9\"));")]
    [InlineData("    string M() => Convert.ToBase64String(Encoding.ASCII.GetBytes(\"svc-api:Pa55w0rd!Xq9\"));")]
    public async Task BasicCredentialsBuiltInCode_AreReported(string members) => Assert.True(await Reported(members), members);

    [Theory]
    [InlineData("    string M(string pw) => Convert.ToBase64String(Encoding.UTF8.GetBytes(\"svc-api:\" + pw));")]
    [InlineData("    string M(string u, string p) => Convert.ToBase64String(Encoding.UTF8.GetBytes($\"{u}:{p}\"));")]
    [InlineData("    string M() => Convert.ToBase64String(Encoding.UTF8.GetBytes(\"Content-Type: text/plain\"));")]
    public async Task BasicCredentialsFromVariables_AreNotReported(string members) => Assert.Empty(await Findings(members));

    // ------------------------------------------------------------------ 5. session cookies

    [Theory]
    [InlineData("    void M(System.Net.Http.HttpClient c) => c.DefaultRequestHeaders.Add(\"Cookie\", \"sessionid=8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c; path=/\");")]
    [InlineData("    const string Header = \"Cookie: JSESSIONID=8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C\";")]
    [InlineData("    // Cookie: connect.sid=s%3AqZ8xLm2Tn5vKp7WrY3bD9fH1jG4c.Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce2\n    void M() { }")]
    [InlineData("    void M(System.Net.Http.HttpRequestMessage r) => r.Headers.Add(\"Cookie\", \"auth_token=Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce\");")]
    [InlineData("    void M(System.Net.CookieContainer jar) => jar.Add(new System.Net.Cookie(\".AspNetCore.Cookies\", \"CfDJ8Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce2Qm8zLx2Tn5vKp7Wr\", \"/\", \"admin.contoso.com\"));")]
    [InlineData("    void M(Microsoft.AspNetCore.Http.HttpResponse r) => r.Cookies.Append(\"sessionid\", \"8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c\");")]
    public async Task SessionCookie_IsReported(string members) => Assert.True(await Reported(members), members);

    [Theory]
    [InlineData("    const string Header = \"Cookie: theme=dark; lang=en-US; sessionid=\";")]
    [InlineData("    string M(string id) => $\"Cookie: sessionid={id}; path=/\";")]
    [InlineData("    const string Header = \"Cookie: JSESSIONID=00000000000000000000000000000000\";")]
    [InlineData("    const string Header = \"Cookie: .AspNetCore.Cookies=<cookie-value>\";")]
    [InlineData("    // session=abc123; the session cookie name is configurable\n    void M() { }")]
    [InlineData("    const string Header = \"Cookie: sessionid=3f2504e0-4f89-11d3-9a0c-0305e82c3301\";")]
    [InlineData("    object M() => new System.Net.Cookie(\"theme\", \"Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce2\");")]
    [InlineData("    object M(string v) => new System.Net.Cookie(\".AspNetCore.Session\", v);")]
    [InlineData("    object M() => new System.Net.Cookie(\"sessionid\", \"deleted\");")]
    public async Task CookiesWithoutASessionSecret_AreNotReported(string members) => Assert.Empty(await Findings(members));

    // ------------------------------------------------------------------ 6. tokens in a URL's user info, any scheme

    [Theory]
    [InlineData("    const string Url = \"redis://:Qm8zLx2Tn5vKp7Wr@cache01:6379/0\";")]
    [InlineData("    const string Url = \"git+https://x-access-token:Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce@github.com/org/repo.git\";")]
    [InlineData("    string M(string host) => $\"nats://svc:Qm8zLx2Tn5vKp7Wr@{host}:4222\";")]
    [InlineData("    const string Url = \"wss://Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce@stream.example.com/v1\";")]
    public async Task TokenInUserInfo_IsReported(string members) => Assert.True(await Reported(members), members);

    // ------------------------------------------------------------------ 7. a key right after a provider word in a comment

    [Theory]
    [InlineData("    // twilio 9f8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c\n    void M() { }")]
    [InlineData("    // Old Twilio auth 9f8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c (rotated?)\n    void M() { }")]
    public async Task KeyAfterAProviderWordInAComment_IsReported(string members) => Assert.True(await Reported(members), members);

    // ------------------------------------------------------------------ 8. escaped values in appsettings.json, .env and web.config

    [Theory]
    [InlineData("private-key-ssh2")]
    [InlineData("private-key-dsa")]
    [InlineData("private-key-rsa")]
    [InlineData("private-key-openssh")]
    [InlineData("putty-private-key")]
    [InlineData("aspnet-machine-key")]
    public async Task PemAndQuotedValuesEscapedInConfigFiles_AreReported(string id)
    {
        var sample = SecretSamples.Generate(SecretSamples.Format(id), seed: 7);
        var json = "{\n  \"Signing\": {\n    \"Value\": \"" + sample.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"\n  }\n}\n";
        var d = await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", ("/p/appsettings.json", json));
        var env = "# x\nSERVICE_TOKEN=" + sample.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\n";
        var e = await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", ("/p/.env", env));
        var xml = "<configuration><appSettings>\n<add key=\"Client:Data\" value=\"" + System.Security.SecurityElement.Escape(sample).Replace("\n", "&#xA;") + "\" />\n</appSettings></configuration>\n";
        var x = await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", ("/p/web.config", xml));
        Assert.True(d.Length > 0 && e.Length > 0 && x.Length > 0, d.Length + json + e.Length + env + x.Length + xml);
    }

    [Fact]
    public async Task PublicKeyAndCertificateEscapedInAppSettings_AreNotReported()
    {
        const string Json = "{\n  \"Jwt\": {\n    \"PublicKey\": \"-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\\n-----END PUBLIC KEY-----\\n\",\n"
            + "    \"Certificate\": \"-----BEGIN CERTIFICATE-----\\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\\n-----END CERTIFICATE-----\"\n  }\n}\n";
        Assert.Empty(await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", ("/p/appsettings.json", Json)));
    }

    // ------------------------------------------------------------------ 9. names: Creds, a last word Auth

    [Theory]
    [InlineData("    private const string ServiceCreds = \"Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0C\";")]
    [InlineData("    static readonly string HTTP_AUTH = \"q8Zr2Lx9Tn5vKp7WmB3dY6hF1jG4cS0a\";")]
    [InlineData("    // service_creds=9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e2a4d6f8b\n    void M() { }")]
    [InlineData("    string M(string to) => $\"https://api.example.com/send?proxy-auth=Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1&to={to}\";")]
    public async Task RandomValueUnderACredsOrAuthName_IsReported(string members) => Assert.True(await Reported(members), members);

    [Theory]
    [InlineData("    private const string CredsStore = \"desktop\";")]
    [InlineData("    private const string DefaultAuth = \"Cookies\";")]
    [InlineData("    private const string OAuth = \"https://login.example.com/oauth2/v2.0/authorize\";")]
    [InlineData("    private const string RequireAuth = \"true\";")]
    public async Task SettingsUnderACredsOrAuthName_AreNotReported(string members) => Assert.Empty(await Findings(members));
}
