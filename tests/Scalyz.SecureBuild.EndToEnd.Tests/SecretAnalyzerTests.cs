using Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

namespace Scalyz.SecureBuild.EndToEnd.Tests;

[Collection(PackedPackageGroup.Name)]
public sealed class SecretAnalyzerTests(PackageFixture package)
{
    [Fact]
    public void Build_VulnerableWebApp_ReportsExactlyThePlantedSecretsInCodeAndConfiguration()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("VulnerableWebApp");

        var secrets = SecretDiagnostics(build);
        Assert.Equal(
            [
                ("SSB1001", workspace.PathOf("VulnerableWebApp", "Services", "StorageSettings.cs"), 7, 42),
                ("SSB1006", workspace.PathOf("VulnerableWebApp", "appsettings.json"), 10, 86),
            ],
            secrets.Select(d => (d.Code, d.File, d.Line, d.Column)).OrderBy(d => d.Code, StringComparer.Ordinal).ToList());
        Assert.Contains("AWS access key id 'AKIA\u2026' is hard-coded", secrets[0].Message, StringComparison.Ordinal);
        Assert.Contains("Azure Storage account key 'pU3K\u2026' is hard-coded in appsettings.json", secrets[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIA2OGYBAH6", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pU3KGCUwux", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CleanApp_ReportsNoSecret()
    {
        var workspace = package.CreateWorkspace();

        var build = workspace.Build("CleanApp");

        Assert.Empty(SecretDiagnostics(build));
    }

    [Fact]
    public void Build_SeverityRaisedInEditorConfig_FailsTheBuildOnTheSecret()
    {
        var workspace = package.CreateWorkspace();
        File.WriteAllText(workspace.PathOf("VulnerableWebApp", ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.SSB1001.severity = error\n");

        var build = workspace.Build("VulnerableWebApp");

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(SecretDiagnostics(build), d => d.Code == "SSB1001");
        Assert.Equal("error", error.Severity);
    }

    [Fact]
    public void Build_SecretInEnvFileAndNuGetStyleConfig_ReportedAtTheirLines()
    {
        var workspace = package.CreateWorkspace();
        File.WriteAllText(workspace.PathOf("CleanApp", ".env"), "# local settings\nAPP_NAME=clean\nDB_PASSWORD=" + "Tr0ub4dor" + "-and-3\n");
        File.WriteAllText(workspace.PathOf("CleanApp", "app.config"), "<configuration>\n  <appSettings>\n    <add key=\"ApiToken\" value=\"" + "q8Zr4" + "Lm2Xv7Tn9Kp3Wd6Y\" />\n  </appSettings>\n</configuration>\n");

        var build = workspace.Build("CleanApp");

        Assert.Equal(
            [
                ("SSB1006", workspace.PathOf("CleanApp", ".env"), 3),
                ("SSB1006", workspace.PathOf("CleanApp", "app.config"), 3),
            ],
            SecretDiagnostics(build).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.File, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Build_CredentialsInCommentsQueryStringsBoundParametersAndU8_ReportedAndLookAlikesNot()
    {
        var workspace = package.CreateWorkspace();
        const string Signing = "Xq7Lm2Vr9Tz4" + "Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2";
        const string Feed = "Rb5Np1Ws8Ky3" + "Gd6Tm0Vq4Hx7Jc2Lf9Zu5Ae1";
        const string Partner = "Mv3Qk8Zp1Rt6" + "Wy0Bn5Hd2Jg7Lc4Xs9Fa3Ue8";
        const string Webhook = "Tc9Fx2Lm7Qa4" + "Vz1Kp6Rw3Hb8Nd5Gs0Yj2Eu7";
        const string Ingest = "6b2f9c41-8e3a-" + "4d7b-a915-3c0e72f4d8a6";
        File.WriteAllText(workspace.PathOf("CleanApp", "Integrations.cs"), $$"""
            namespace CleanApp;

            public sealed class PartnerClient { public PartnerClient(string region, string apiToken) { } }

            public static class Integrations
            {
                // PARTNER_SIGNING_SECRET={{Signing}}
                public static string Send(string to) => $"https://api.partner.example/v1/send?api_key={{Feed}}&to={to}";
                public static object Client() => new PartnerClient("eu", "{{Partner}}");
                public static System.ReadOnlySpan<byte> WebhookSecret => "{{Webhook}}"u8;
                public const string IngestToken = "{{Ingest}}";
                public const string ClientId = "{{Ingest}}";
                public const string StripePublishableKey = "pk_live_51{{Feed}}";
                public const string OAuthAccessToken = "2YotnFZFEjr1zjCsicMWpAA";
                public const string ApiKey = "%PARTNER_API_KEY%";
            }
            """);
        File.WriteAllText(workspace.PathOf("CleanApp", ".env"), "INGEST_URL=https://contoso-fn.azurewebsites.net/api/ingest?code=" + Partner + "==\n");

        var build = workspace.Build("CleanApp");

        var file = workspace.PathOf("CleanApp", "Integrations.cs");
        Assert.Equal(
            [
                ("SSB1006", workspace.PathOf("CleanApp", ".env"), 1),
                ("SSB1008", file, 7),
                ("SSB1002", file, 8),
                ("SSB1002", file, 9),
                ("SSB1002", file, 10),
                ("SSB1002", file, 11),
            ],
            SecretDiagnostics(build).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.File == file).ThenBy(d => d.Line).ToList());
        foreach (var secret in new[] { Signing, Feed, Partner, Webhook, Ingest })
        {
            Assert.DoesNotContain(secret, build.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_RoundSixKeyMaterialHolesAndConcatenations_ReportedAndLookAlikesNot()
    {
        var workspace = package.CreateWorkspace();
        const string Body = "MIIEowIBAAKCAQEAu9Hq2Lm7VrTz4Kp8Wn3Ys6Bd1Hf5Jc0G" + "aRe7Uo2Np5WXq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0G";
        var clientKeyData = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("-----BEGIN RSA PRIVATE KEY-----\n" + Body + "\n-----END RSA PRIVATE KEY-----\n"));
        const string Hook = "6tMNBSHs83wJyhjp9pGCKmw2oW1xThadfyNQ" + "7P3sx7fuPBQlLAVn6StT9WlrdWZacSp-";
        const string Sig = "Vm6YMBv1z4hClIS33Hq3cLjCo25zryz1" + "Dq8hmAbVSDs%3D";
        File.WriteAllText(workspace.PathOf("CleanApp", "RoundSix.cs"), $$"""
            namespace CleanApp;

            public static class RoundSix
            {
                public const string ClientKeyData = "{{clientKeyData}}";
                public static string Webhook(long id) => $"https://discord.com/api/webhooks/{id}/{{Hook}}?wait=true";
                public static System.Uri Export() => new System.Uri("https://contoso.blob.core.windows.net/x/daily.csv?sv=2022-11-02&ss=b&srt=o&sp=r&spr=https&sig=" + "{{Sig}}");
                public const string SentryAuthToken = "@@SENTRY_AUTH_TOKEN@@";
                public const string MinioRootPassword = "minioadmin";
                public const string DbPassword = "ENC[AES256_GCM,data:Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5,iv:u9Hq2Lm7VrTz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Np=,tag:Kp8Wn3Ys6Bd1Hf5Jc0GaR==,type:str]";
            }
            """);

        var build = workspace.Build("CleanApp");

        var file = workspace.PathOf("CleanApp", "RoundSix.cs");
        Assert.Equal(
            [("SSB1004", file, 5), ("SSB1001", file, 6), ("SSB1001", file, 7)],
            SecretDiagnostics(build).Where(d => d.File == file).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.Line).ToList());
        foreach (var secret in new[] { Hook, Sig, clientKeyData[20..] })
        {
            Assert.DoesNotContain(secret, build.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_RoundSevenHookPathsStrkeySeedsAndPasswordNames_ReportedAndLookAlikesNot()
    {
        var workspace = package.CreateWorkspace();
        const string Node = "3f9a7c21e4b80d56a1f2" + "c3e4d5b6a7980c1d2e3f";
        const string Pumble = "Xq7Lm2Vr9Tz4" + "Kp8Wn3Ys6Bd1";
        const string Seed = "SADTY4NG3MIEK6VP4QMU5A5Y5URFPDG" + "B6YVWBFOK742GTHWTBA6XFVBC";
        const string BrokenSeed = "SADTY4NG3MIEK6VP4QMU5A5Y5URFPDG" + "B6YVWBFOK742GTHWTBA6XFVBD";
        File.WriteAllText(workspace.PathOf("CleanApp", "RoundSeven.cs"), $$"""
            namespace CleanApp;

            public static class RoundSeven
            {
                public static string Rpc(string name) => $"https://{name}.quiknode.pro/{{Node}}/";
                public static string Hook(string workspace) => $"https://api.pumble.com/workspaces/{workspace}/incomingWebhooks/postMessage/{{Pumble}}";
                public const string TreasurySigningSeed = "{{Seed}}";
                public static readonly string FinixPassword = "5468a1b2-9c3d-4e5f-8a7b-1c2d3e4f5a6b";
                public const string AltSigningSeed = "{{BrokenSeed}}";
                public static readonly string UserPassword = "6468a1b2-9c3d-4e5f-8a7b-1c2d3e4f5a6b";
                public static readonly string DummyPassword = "P@ssw0rd!";
            }
            """);

        var build = workspace.Build("CleanApp");

        var file = workspace.PathOf("CleanApp", "RoundSeven.cs");
        Assert.Equal(
            [("SSB1001", file, 5), ("SSB1001", file, 6), ("SSB1001", file, 7), ("SSB1002", file, 8)],
            SecretDiagnostics(build).Where(d => d.File == file).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.Line).ToList());
        foreach (var secret in new[] { Node, Pumble, Seed })
        {
            Assert.DoesNotContain(secret, build.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_RoundEightCommandLinesBodiesCookiesAndEscapedKeys_ReportedAndLookAlikesNot()
    {
        var workspace = package.CreateWorkspace();
        const string Password = "S3cr3tPass" + "!9xQ";
        const string Secret = "Zt9xQm2LkP7v" + "Rn4W";
        const string Session = "8F7A6B5C4D3E2F1A" + "0B9C8D7E6F5A4B3C";
        const string Pem = "MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun" + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u";
        File.WriteAllText(workspace.PathOf("CleanApp", "RoundEight.cs"), $$"""
            namespace CleanApp;

            public static class RoundEight
            {
                // mysql -h db01 -u admin -p{{Password}} shop
                public const string Body = "{\"client_id\":\"app\",\"client_secret\":\"{{Secret}}\"}";
                public const string Cookie = "Cookie: JSESSIONID={{Session}}";
                public static string Basic() => System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("svc-api:" + "{{Password}}"));
                // mysql -u root -p
                public const string Prompt = "sqlcmd -S db01 -U sa -P %SA_PASSWORD%";
                public const string Theme = "Cookie: theme=dark; sessionid=";
                public static string FromVariable(string pw) => System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("svc-api:" + pw));
            }
            """);
        File.WriteAllText(workspace.PathOf("CleanApp", "appsettings.json"), "{\n  \"Signing\": {\n    \"Value\": \"-----BEGIN RSA PRIVATE KEY-----\\n" + Pem + "\\n-----END RSA PRIVATE KEY-----\\n\"\n  }\n}\n");

        var build = workspace.Build("CleanApp");

        var file = workspace.PathOf("CleanApp", "RoundEight.cs");
        Assert.Equal(
            [("SSB1008", file, 5), ("SSB1002", file, 6), ("SSB1002", file, 7), ("SSB1002", file, 8)],
            SecretDiagnostics(build).Where(d => d.File == file).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.Line).ToList());
        Assert.Contains(SecretDiagnostics(build), d => d.Code == "SSB1006" && d.File.EndsWith("appsettings.json", StringComparison.Ordinal));
        foreach (var secret in new[] { Password, Secret, Session, Pem })
        {
            Assert.DoesNotContain(secret, build.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_RoundNineProviderNamesClientKeysAndUrlPathKeys_ReportedAndLookAlikesNot()
    {
        var workspace = package.CreateWorkspace();
        const string Hex = "9d2f7a1c4e8b3f60" + "a5d1c7e29b4f8a3c";
        const string Guid = "3f9a1c7e-2b4d-4e8f-" + "a6c1-9d7e3b5f2a80";
        const string Path = "Vp3CXk9mQ2vLp7Rt" + "4Wz8Bn3Hj6Fd1Sa5";
        const string Password = "Kqwert_Xa9L" + "m2Tq7Zp41!";
        File.WriteAllText(workspace.PathOf("CleanApp", "RoundNine.cs"), $$"""
            namespace CleanApp;

            public sealed class WidgetClient { public WidgetClient(string key) { } }
            public sealed class Directory { public void Bind(string dn, string password) { } }

            public static class RoundNine
            {
                public const string InstatusApiKey = "{{Hex}}";
                public static WidgetClient Client() => new WidgetClient("{{Guid}}");
                public static string Score(string ip) => $"https://ipqualityscore.com/api/json/ip/{{Path}}/{ip}";
                public static void Login(Directory d) => d.Bind("cn=svc,dc=contoso,dc=com", "{{Password}}");
                public const string JwtSecret = "ThisIsMySecretKeyForDevelopmentOnly";
                public const string Orders = "https://shop.example.com/api/v2/users/{{Guid}}/orders";
                public static System.Collections.Generic.Dictionary<string, string> Lookup() => new() { { "{{Hex}}", "entry" } };
            }
            """);

        var build = workspace.Build("CleanApp");

        var file = workspace.PathOf("CleanApp", "RoundNine.cs");
        Assert.Equal(
            [("SSB1002", file, 8), ("SSB1002", file, 9), ("SSB1001", file, 10), ("SSB1002", file, 11)],
            SecretDiagnostics(build).Where(d => d.File == file).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.Line).ToList());
        foreach (var secret in new[] { Hex, Guid, Path, Password })
        {
            Assert.DoesNotContain(secret, build.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_RoundFiveGeneralMechanisms_ReportedAndLookAlikesNot()
    {
        var workspace = package.CreateWorkspace();
        const string RpcKey = "Xq7Lm2Vr9Tz4" + "Kp8Wn3Ys6Bd1Hf5Jc0G";
        const string Prose = "Rb5Np1Ws8Ky3" + "Gd6Tm0Vq4Hx7Jc2Lf9Z";
        const string Password = "Tr0ub4dor" + "&3x-77";
        const string Hex = "9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e" + "2a4d6f8b0c1e3a5d7f9b2c4e6a8d0f1b";
        File.WriteAllText(workspace.PathOf("CleanApp", "RoundFive.cs"), $$"""
            namespace CleanApp;

            public sealed class Builder { public Builder UseCredentials(string user, string password) => this; }

            public static class RoundFive
            {
                public static string Rpc(string owner) => $"https://eth-mainnet.example.com/v2/{{RpcKey}}/owners?owner={owner}";
                // the deploy api key is {{Prose}}
                public static Builder Login(Builder b) => b.UseCredentials("orders", "{{Password}}");
                public static readonly byte[] FieldEncryptionKey = System.Convert.FromHexString("{{Hex}}");
                // the password is required; see commit https://github.com/contoso/orders/commit/{{Hex.Substring(0, 40)}}
                public const string KeySha256 = "{{Hex}}";
            }
            """);
        File.WriteAllText(workspace.PathOf("CleanApp", ".env"), "APP_NAME=clean\nAES_KEY_HEX=" + Hex + "\n");
        // An Azure Functions project's local settings: the package hands local.settings.json to the analyzer too.
        const string SearchKey = "Hw4Rt8Zp2Lk6" + "Vn0Qx3Mb7Jd5Gs9Fc1Y";
        File.WriteAllText(workspace.PathOf("CleanApp", "local.settings.json"), $$"""
            {
              "IsEncrypted": false,
              "Values": {
                "AzureWebJobsStorage": "UseDevelopmentStorage=true",
                "SearchApiKey": "{{SearchKey}}"
              }
            }
            """);

        var build = workspace.Build("CleanApp");

        var file = workspace.PathOf("CleanApp", "RoundFive.cs");
        Assert.Equal(
            [
                ("SSB1006", workspace.PathOf("CleanApp", ".env"), 2),
                ("SSB1006", workspace.PathOf("CleanApp", "local.settings.json"), 5),
                ("SSB1001", file, 7),
                ("SSB1008", file, 8),
                ("SSB1002", file, 9),
                ("SSB1002", file, 10),
            ],
            SecretDiagnostics(build).Select(d => (d.Code, d.File, d.Line)).OrderBy(d => d.File == file).ThenBy(d => d.Line).ToList());
        foreach (var secret in new[] { RpcKey, Prose, Password, Hex, SearchKey })
        {
            Assert.DoesNotContain(secret, build.Output, StringComparison.Ordinal);
        }
    }

    private static List<BuildDiagnostic> SecretDiagnostics(BuildResult build) =>
        build.SecureBuildDiagnostics.Where(d => d.Code.StartsWith("SSB1", StringComparison.Ordinal)).ToList();
}
