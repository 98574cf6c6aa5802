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
    private static async Task<bool> Reported(string members)
    {
        var diagnostics = await Verify.DiagnosticsAsync(new HardcodedSecretAnalyzer(), "using System;\nusing System.Text;\nclass C\n{\n" + members + "\n}\n");
        return diagnostics.Any(d => d.Id.StartsWith("SSB1", StringComparison.Ordinal));
    }

    [Theory]
    // command lines
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
    // bodies
    [InlineData("    const string Body = \"{\\\"username\\\":\\\"svc-api\\\",\\\"password\\\":\\\"Qw8#zLm2Xt5v\\\"}\";")]
    [InlineData("    string M(string user) => $\"{{\\\"user\\\":\\\"{user}\\\",\\\"password\\\":\\\"Qw8#zLm2Xt5v\\\"}}\";")]
    [InlineData("    const string Form = \"grant_type=password&username=svc-api&password=Qw8#zLm2Xt5v\";")]
    [InlineData("    const string Form = \"grant_type=client_credentials&client_id=8a7b6c5d&client_secret=Zt9xQm2LkP7vRn4W\";")]
    [InlineData("    const string Body = \"\"\"{\"client_id\":\"app\",\"client_secret\":\"Zt9xQm2LkP7vRn4W\"}\"\"\";")]
    // PEM with escaped line breaks
    [InlineData("    const string Json = \"{\\\"private_key\\\": \\\"-----BEGIN PRIVATE KEY-----\\\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\\\n-----END PRIVATE KEY-----\\\\n\\\"}\";")]
    // Basic built in code
    [InlineData("    string M() => Convert.ToBase64String(Encoding.UTF8.GetBytes(\"svc-api:\" + \"Pa55w0rd!Xq9\"));")]
    [InlineData("    string M(string user) => Convert.ToBase64String(Encoding.ASCII.GetBytes($\"{user}:Pa55w0rd!Xq9\"));")]
    [InlineData("    string M() => Convert.ToBase64String(Encoding.ASCII.GetBytes(\"svc-api:Pa55w0rd!Xq9\"));")]
    // cookies
    [InlineData("    void M(System.Net.Http.HttpClient c) => c.DefaultRequestHeaders.Add(\"Cookie\", \"sessionid=8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c; path=/\");")]
    [InlineData("    const string Header = \"Cookie: JSESSIONID=8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C\";")]
    [InlineData("    // Cookie: connect.sid=s%3AqZ8xLm2Tn5vKp7WrY3bD9fH1jG4c.Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce2\n    void M() { }")]
    [InlineData("    void M(System.Net.Http.HttpRequestMessage r) => r.Headers.Add(\"Cookie\", \"auth_token=Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce\");")]
    // userinfo under any scheme
    [InlineData("    const string Url = \"redis://:Qm8zLx2Tn5vKp7Wr@cache01:6379/0\";")]
    [InlineData("    const string Url = \"git+https://x-access-token:Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce@github.com/org/repo.git\";")]
    [InlineData("    string M(string host) => $\"nats://svc:Qm8zLx2Tn5vKp7Wr@{host}:4222\";")]
    [InlineData("    const string Url = \"wss://Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Fh5Jg0Ce@stream.example.com/v1\";")]
    // provider word then key
    [InlineData("    // twilio 9f8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c\n    void M() { }")]
    [InlineData("    // Old Twilio auth 9f8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c (rotated?)\n    void M() { }")]
    public async Task Probe(string members) => Assert.True(await Reported(members), members);

    [Theory]
    [InlineData("private-key-rsa")]
    [InlineData("private-key-openssh")]
    [InlineData("putty-private-key")]
    [InlineData("aspnet-machine-key")]
    public async Task ProbeConfig(string id)
    {
        var sample = SecretSamples.Generate(SecretSamples.Format(id), seed: 7);
        var json = "{\n  \"Signing\": {\n    \"Value\": \"" + sample.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"\n  }\n}\n";
        var d = await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), "class C { }", ("/p/appsettings.json", json));
        Assert.True(d.Length > 0, json);
    }
}
