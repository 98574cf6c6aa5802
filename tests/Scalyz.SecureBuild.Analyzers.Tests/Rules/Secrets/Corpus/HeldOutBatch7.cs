using System.Text;
using static Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets.Corpus.Contexts;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets.Corpus;

// Held-out batch 7 for issue 12: SEALED. It is measured once, by the lead, on the finished rules of the round that follows
// its writing; nobody tunes the rules to it, and its cases are not changed to move its figure (a case may only be fixed if
// it is not what its label says, e.g. a malformed format). After that measurement the floors below are set to it.
//
// How it was written. Without reading the secret rules, their catalog, their rule pages, their unit tests or the notes on
// earlier batches' misses; only the corpus harness and the case lists of batches 1-6 were read, to learn the format and to
// avoid repeating their providers and shapes. The token formats come from the providers' public token and API
// documentation (key prefixes, lengths, checksums; Stellar's SEP-23 strkeys were read with the search tool) and from the
// published descriptions of other scanners' detectors (GitHub's supported secret scanning patterns, gitleaks rules,
// TruffleHog detectors, detect-secrets plugins and their known false positives), described in our own words. About half
// of the providers appear in no earlier batch (Contentstack, YouTrack, Radar, Mercury, Brex, Ramp, Stellar, Storj, Tigris,
// Vectara, Upstage, Pumble, Termii, Woodpecker, SourceHut, SurrealDB, EventStoreDB, MotherDuck, QuestDB, Trino, ...); the
// other half are the well-known ones users leak most (GitHub, GitLab, Slack, Stripe, Twilio, SendGrid, AWS, Azure, Google,
// OpenAI, Anthropic, Hugging Face, Discord, npm, PyPI, MongoDB, Azure DevOps, JFrog) in shapes earlier batches did not use:
// git remotes with installation tokens, pipeline-trigger URLs, workflow webhooks, socket-mode app tokens, credentials files
// written by interpolated strings, ECS task definitions and .pypirc/.npmrc text in raw strings, XML doc comments, shell and
// netrc lines in comments, mail settings in web.config, C# credential APIs (PrincipalContext, DirectoryEntry, SqlCredential,
// NetworkCredential initializers, HMACSHA512 and Aes keys, RSA.FromXmlString, fluent builders, options lambdas, attributes,
// cookies, Basic headers built in code).
// Values are generated at run time from a seed (TokenMaker); formats that carry a checksum are generated with a valid one
// (GitHub and npm CRC32, Stellar's CRC-16). No value is a live secret.
//
// Counts. 238 secrets under 208 labels (about 185 providers, the rest C# credential APIs and generic shapes); 157 labels
// appear in no earlier batch, and 81 cases are well-known providers (GitHub, GitLab, Slack, Stripe, Twilio, SendGrid, AWS,
// Azure, Google, OpenAI, Anthropic, Hugging Face, Discord, Telegram, npm, Azure DevOps, Sentry, Datadog...) in new shapes.
//   Secrets by context: interpolated 29, comments 23, raw/UTF-8 14, verbatim 13, method arguments 23, const 16,
//   static readonly 13, locals 19, object initializers 21, dictionary initializers 18, appsettings.json 20,
//   nuget.config 8, .env/web.config 21.
//   Secrets by group: messaging/email 36, VCS/CI/registries 36, other SaaS 35, cloud 31, payments and finance 25,
//   generic credentials and connection strings 22, C# credential APIs 22, AI/ML 21, private keys and key material 10.
// 146 look-alikes. By kind: code strings, versions, SHAs, ETags, request and correlation ids 22, placeholders 21, ids next
//   to id words 20, public/publishable keys 15, environment and secret-store references 13, URLs and connection strings
//   without credentials 12, documented examples 11 (with their source), hashes and integrity values 10, encoded
//   non-secret data and base64 images 9, emulator/dev credentials 7, test fixtures 6. By context: interpolated 12,
//   comments 13, raw/UTF-8 10, verbatim 11, arguments 9, const 12, static readonly 12, locals 11, object initializers 11,
//   dictionary initializers 12, appsettings.json 14, nuget.config 7, .env/web.config 12.
//
// Measured once, untuned, on round 6's finished rules (integration branch after merging secrets6, the rules tuned to batch
// 6): recall 93.3 % (222/238), precision 98.7 % (3 false positives); the floors are that figure rounded down. (On round 5's
// rules, before round 6, its writer measured 93.3 % / 98.2 %: tuning to batch 6 moved batch 7 by no case of recall.)
// By context: Interpolated 27/29, Comment 20/23, Argument 21/23, EnvOrWebConfig 20/21, ObjectInitializer 21/21,
// AppSettings 19/20, DictionaryInitializer 17/18, Local 18/19, StaticReadonly 12/13, Verbatim 12/13, Const 14/16,
// NuGetConfig 8/8, RawOrUtf8 13/14. By group: cloud 29/31, ai 21/21, payments 22/25, messaging 34/36, devops 34/36,
// saas 34/35, generic 20/22, keys 8/10, csharp 20/22. Missed: an Azure Storage key in a comment, a Storj access grant, a
// Finix password (a value under a provider-named password key), QuickNode and Pumble keys in interpolated URLs, a Stellar
// secret seed in a const, a Flock token argument, a DeepSource DSN, a Code Climate reporter id, a ConfigCat public-API
// password, a Windows autologon password in a comment (reg add ... DefaultPassword), a password in a JSON login body, an
// APNs .p8 key in appsettings.json, an Ed25519 seed in a comment, a Basic header built in code, an ASP.NET session cookie
// value. False positives: Slack's documented example signing secret in a comment, an AWS access key id alone in a comment
// (gitleaks reports those too), a "P@ssw0rd!" test fixture under a DummyPassword name.
// Since this measurement it is a TUNING batch: it no longer measures what unseen code would score.
// Tuned (round 7, general mechanisms, no case-specific rule): recall 95.8 % (228/238), precision 99.6 % (1 false
// positive); the floors below are that figure rounded down. The fixes were kinds: a hook word anywhere earlier in a URL
// path makes later random segments keys (past id holes and action words), node hosts read like RPC hosts, strkey seeds
// (Stellar, NATS) checked by their CRC-16 next to their word, a GUID under a provider-qualified password name, a
// password never "public", weak typed passwords under fixture names, and Slack's documented signing secret. Still
// missed: the Azure Storage key in a comment, the Storj access grant, the DeepSource DSN, the Code Climate reporter id,
// the reg add autologon password, the JSON login body, the APNs .p8 key with escaped newlines in appsettings.json, the
// Ed25519 seed in a comment, the Basic header built in code and the session cookie. The AWS access key id alone in a
// comment is still reported, on purpose: gitleaks' aws-access-token rule and GitHub's AWS pattern report the id alone.
public static class HeldOutBatch7
{
    public const double RecallFloor = 0.95;
    public const double PrecisionFloor = 0.99;

    public static IReadOnlyList<CorpusCase> Cases()
    {
        var t = new TokenMaker(7741);
        const string Digits = TokenMaker.Digits;
        const string LowerDigits = TokenMaker.Lower + TokenMaker.Digits;
        const string UpperDigits = TokenMaker.Upper + TokenMaker.Digits;
        const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        string Pw() => t.From(TokenMaker.Lower, 4) + t.From(TokenMaker.Upper, 2) + t.From(Digits, 3) + t.From("$!%&*#", 1) + t.AlphaNum(9) + t.From(Digits, 1);
        string Hs256(string payload) => t.Jwt(payload);

        var cases = new CaseList();
        var S = cases.S;
        var M = cases.M;
        var F = cases.F;
        var L = cases.L;
        var LM = cases.LM;
        var LF = cases.LF;

        string AppSettings(string section, string body) =>
            "{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } },\n  \"AllowedHosts\": \"*\",\n"
            + $"  \"{section}\": {{\n{body}\n  }}\n}}\n";
        string NuGetFile(string inner) =>
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
            + "    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n  </packageSources>\n" + inner + "</configuration>\n";

        // ================================================================ cloud
        M("cloud", "AWS", Interp,
            """    string M(string profile, string keyId) => $"[{profile}]\naws_access_key_id = {keyId}\naws_secret_access_key = INTERPVALUE\nregion = us-east-2\n";""",
            t.From(TokenMaker.Alnum + "+/", 40));
        M("cloud", "AWS", Raw,
            $$""""
                void M()
                {
                    var containerDefinition = """
                        {
                          "name": "billing-worker",
                          "image": "contoso/billing:1.8.2",
                          "environment": [
                            { "name": "AWS_REGION", "value": "us-east-2" },
                            { "name": "AWS_ACCESS_KEY_ID", "value": "AKIA{{t.From(Base32, 16)}}" },
                            { "name": "AWS_SECRET_ACCESS_KEY", "value": "RAWVALUE" }
                          ]
                        }
                        """;
                    U.Use(containerDefinition);
                }
            """", t.From(TokenMaker.Alnum + "+/", 40));
        M("cloud", "Azure Storage", Comment,
            """
                /// <summary>Uploads the nightly export.</summary>
                /// <example><code>var cred = new StorageSharedKeyCredential("contosoexports", "RAWVALUE");</code></example>
                void M() { }
            """, t.Base64(64));
        M("cloud", "Azure Table Storage", Arg,
            """
                sealed class AzureNamedKeyCredential { public AzureNamedKeyCredential(string name, string key) { } }
                object M() => new AzureNamedKeyCredential("contosotables", VALUE);
            """, t.Base64(64));
        F("cloud", "Azure Cosmos DB", EnvWeb, "web.config",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <connectionStrings>\n"
            + "    <add name=\"Catalog\" connectionString=\"AccountEndpoint=https://contoso-catalog.documents.azure.com:443/;AccountKey=XMLVALUE;\" />\n"
            + "  </connectionStrings>\n</configuration>\n", t.Base64(64));
        M("cloud", "Microsoft Entra ID", Obj,
            """
                sealed class ConfidentialClientApplicationOptions { public string? ClientId { get; set; } public string? TenantId { get; set; } public string? ClientSecret { get; set; } }
                object M() => new ConfidentialClientApplicationOptions { ClientId = "5f0c6f0e-8a1b-4c53-9a43-2f1f4f7f9b11", TenantId = "contoso.onmicrosoft.com", ClientSecret = VALUE };
            """, t.EntraSecret());
        M("cloud", "Cloudflare", Interp,
            """    string M(string env) => $"CLOUDFLARE_API_TOKEN=INTERPVALUE npx wrangler deploy --env {env}";""", t.Url(40));
        S("cloud", "Google Cloud Translation", "GoogleTranslate", "ApiKey", Obj, "AIza" + t.Url(35));
        S("cloud", "Contabo", "Contabo", "ClientSecret", Json, t.AlphaNum(32));
        S("cloud", "Rackspace", "Rackspace", "ApiKey", Dict, t.Hex(32));
        S("cloud", "Gcore", "Gcore", "PermanentApiToken", Local, t.From(Digits, 5) + "$" + t.Hex(128));
        S("cloud", "KeyCDN", "KeyCdn", "ApiKey", Static, t.AlphaNum(32));
        S("cloud", "Northflank", "Northflank", "ApiToken", Comment, "nf-" + Hs256("{\"type\":\"api-token\",\"teamId\":\"contoso\",\"iat\":1764547200}"));
        S("cloud", "Qovery", "Qovery", "ApiToken", EnvWeb, "qov_" + t.AlphaNum(40));
        S("cloud", "Clever Cloud", "CleverCloud", "Secret", Verbatim, t.AlphaNum(32));
        S("cloud", "Platform.sh", "PlatformSh", "CliToken", Json, t.Url(43));
        S("cloud", "Pantheon", "Pantheon", "MachineToken", Const, t.Url(43));
        S("cloud", "Storj", "Storj", "AccessGrant", Dict, "1" + t.From(Base58, 280));
        S("cloud", "Tigris", "Tigris", "SecretAccessKey", EnvWeb, "tsec_" + t.Url(50));
        S("cloud", "Nhost", "Nhost", "AdminSecret", Local, t.From(TokenMaker.Alnum + "#$'*", 48));
        S("cloud", "Pinata", "Pinata", "Jwt", Json, Hs256("{\"userInformation\":{\"id\":\"" + t.Uuid() + "\",\"email\":\"ops@contoso.com\"},\"authenticationType\":\"scopedKey\",\"scopedKeyKey\":\"" + t.Hex(20) + "\",\"scopedKeySecret\":\"" + t.Hex(64) + "\",\"iat\":1764547200}"));
        S("cloud", "Filebase", "Filebase", "SecretKey", Raw, t.AlphaNum(40));
        M("cloud", "Scaleway", Interp,
            """    string M(string zone) => $"https://api.scaleway.com/instance/v1/zones/{zone}/servers?X-Auth-Token=INTERPVALUE";""", t.Uuid());

        // ================================================================ AI/ML
        M("ai", "OpenAI", Comment,
            "    // TODO(mk): temporary - my personal key until the org key is provisioned, remove before merge: RAWVALUE\n    void M() { }",
            t.OpenAiStyle("sk-proj-"));
        F("ai", "OpenAI", EnvWeb, ".env", "ASPNETCORE_ENVIRONMENT=Development\nOPENAI_API_KEY=\"RAWVALUE\"\nOPENAI_MODEL=gpt-4o-mini\n", t.OpenAiStyle("sk-svcacct-"));
        M("ai", "Anthropic", Interp,
            """    string M(int length) => $"POST /v1/messages HTTP/1.1\r\nHost: api.anthropic.com\r\nx-api-key: INTERPVALUE\r\nanthropic-version: 2023-06-01\r\nContent-Length: {length}\r\n";""",
            "sk-ant-api03-" + t.Url(93) + "AA");
        M("ai", "Hugging Face", Arg,
            """    object M() => new Uri("https://oauth2:" + VALUE + "@huggingface.co/datasets/contoso/support-tickets");""", "hf_" + t.From(TokenMaker.Upper + TokenMaker.Lower, 34));
        S("ai", "Azure OpenAI", "AzureOpenAI", "Key", Json, t.Hex(32));
        S("ai", "Aleph Alpha", "AlephAlpha", "Token", Local, Hs256("{\"user_id\":" + t.From(Digits, 5) + ",\"token_id\":" + t.From(Digits, 4) + "}"));
        S("ai", "Reka", "Reka", "ApiKey", Dict, t.Hex(64));
        S("ai", "MiniMax", "MiniMax", "ApiKey", Const, t.Jwt("{\"alg\":\"RS256\",\"sign_type\":\"SIGN\"}", "{\"GroupName\":\"contoso\",\"UserName\":\"ops\",\"GroupID\":\"" + t.From(Digits, 19) + "\",\"TokenType\":1}", 256));
        S("ai", "Upstage", "Upstage", "ApiKey", Obj, "up_" + t.AlphaNum(29));
        S("ai", "Zilliz Cloud", "ZillizCloud", "ApiKey", Json, t.Hex(104));
        S("ai", "Vectara", "Vectara", "ApiKey", EnvWeb, "zwt_" + t.Url(48));
        M("ai", "Arize", Arg,
            """
                void M(System.Net.Http.HttpClient otlp)
                {
                    otlp.DefaultRequestHeaders.Add("space_id", "U3BhY2U6MTIzNDU6YWJjZA==");
                    otlp.DefaultRequestHeaders.Add("api_key", VALUE);
                }
            """, "ak-" + t.Uuid() + "-" + t.AlphaNum(32));
        S("ai", "Braintrust", "Braintrust", "ApiKey", Static, "sk-" + t.AlphaNum(48));
        S("ai", "ClearML", "ClearMl", "SecretKey", Verbatim, t.AlphaNum(50));
        S("ai", "Ideogram", "Ideogram", "ApiKey", Interp, t.Url(86));
        S("ai", "HeyGen", "HeyGen", "ApiKey", Raw, t.Base64(48));
        S("ai", "Synthesia", "Synthesia", "ApiKey", Comment, t.Hex(32));
        M("ai", "Google Gemini", Comment,
            "    // quick check: curl -H 'x-goog-api-key: RAWVALUE' https://generativelanguage.googleapis.com/v1beta/models\n    void M() { }", "AIza" + t.Url(35));

        // ================================================================ payments and finance
        M("payments", "Stripe", Static,
            """
                static class StripeConfiguration { public static string? ApiKey { get; set; } }
                static void ConfigureStripe() => StripeConfiguration.ApiKey = VALUE;
            """, "sk_live_51" + t.AlphaNum(97));
        M("payments", "Stripe", Comment,
            "    // `stripe listen --forward-to localhost:5001/webhooks/stripe` printed: Ready! Your webhook signing secret is RAWVALUE (^C to quit)\n    void M() { }",
            "whsec_" + t.Hex(64));
        M("payments", "PayPal", Arg,
            """
                sealed class LiveEnvironment { public LiveEnvironment(string clientId, string clientSecret) { } }
                object M() => new LiveEnvironment("AZ3x" + "contoso-live-client", VALUE);
            """, "E" + t.Url(79));
        S("payments", "Payoneer", "Payoneer", "ClientSecret", Dict, t.AlphaNum(40));
        S("payments", "FastSpring", "FastSpring", "ApiPassword", Local, Pw());
        S("payments", "Helcim", "Helcim", "ApiToken", Obj, t.Url(40));
        S("payments", "Mercury", "Mercury", "ApiToken", Json, "secret-token:mercury_production_rma_" + t.AlphaNum(42) + "_yrucrem");
        S("payments", "Brex", "Brex", "UserToken", EnvWeb, "bxt_" + t.AlphaNum(40));
        S("payments", "Ramp", "Ramp", "ClientSecret", Const, "ramp_sec_" + t.AlphaNum(48));
        S("payments", "Moov", "Moov", "SecretKey", Verbatim, t.Url(32));
        S("payments", "Finix", "Finix", "Password", Static, t.Uuid());
        M("payments", "Coinbase Commerce", Arg,
            """    void M(System.Net.Http.HttpRequestMessage charge) => charge.Headers.Add("X-CC-Api-Key", VALUE);""", t.Uuid());
        S("payments", "NOWPayments", "NowPayments", "IpnSecret", Raw, t.AlphaNum(32));
        S("payments", "Sezzle", "Sezzle", "PrivateKey", Comment, "sz_priv_" + t.AlphaNum(32));
        S("payments", "Afterpay", "Afterpay", "SecretKey", Interp, t.Hex(128));
        S("payments", "Moralis", "Moralis", "ApiKey", Local, Hs256("{\"nonce\":\"" + t.Uuid() + "\",\"orgId\":\"" + t.From(Digits, 6) + "\",\"userId\":\"" + t.From(Digits, 6) + "\",\"type\":\"PROJECT\"}"));
        M("payments", "QuickNode", Interp,
            """    string M(string name) => $"https://{name}.quiknode.pro/INTERPVALUE/";""", t.Hex(40));
        S("payments", "Covalent", "Covalent", "ApiKey", Const, "cqt_" + t.From(LowerDigits, 26));
        M("payments", "Stellar", Const, "    private const string TreasurySigningSeed = VALUE;", StellarSeed(t));
        S("payments", "Tiingo", "Tiingo", "Token", Dict, t.Hex(40));
        M("payments", "Twelve Data", Interp,
            """    string M(string symbol) => $"https://api.twelvedata.com/time_series?symbol={symbol}&interval=1min&apikey=INTERPVALUE";""", t.Hex(32));
        S("payments", "Nasdaq Data Link", "NasdaqDataLink", "ApiKey", EnvWeb, t.From(TokenMaker.Alnum + "_-", 20));
        S("payments", "Adyen", "Adyen", "HmacKey", Obj, t.Hex(64).ToUpperInvariant());

        // ================================================================ messaging and email
        M("messaging", "Slack", Interp,
            """    string M(string workflow) => $"https://hooks.slack.com/triggers/T04A1B2C3D4/{workflow}/INTERPVALUE";""", t.Hex(32));
        M("messaging", "Slack", Comment,
            "    // Socket Mode needs the app-level token (connections:write), we use RAWVALUE on the staging workspace.\n    void M() { }",
            $"xapp-1-A{t.From(UpperDigits, 10)}-{t.From(Digits, 13)}-{t.Hex(64)}");
        M("messaging", "Slack", Verbatim,
            """
                void M()
                {
                    string body = @"{""token"":""RAWVALUE"",""channel"":""C0123456789"",""text"":""deploy finished""}";
                    U.Use(body);
                }
            """, $"xoxp-{t.From(Digits, 12)}-{t.From(Digits, 12)}-{t.From(Digits, 13)}-{t.Hex(32)}");
        M("messaging", "Twilio", Obj,
            """
                sealed class TwilioOptions { public string? AccountSid { get; set; } public string? AuthToken { get; set; } }
                object M() => new TwilioOptions { AccountSid = "AC8f2b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", AuthToken = VALUE };
            """, t.Hex(32));
        M("messaging", "Twilio", Interp,
            """    string M(string to) => $"https://ACe3b1d5f7a9c2e4f6b8d0a1c3e5f7b9d2:INTERPVALUE@api.twilio.com/2010-04-01/Accounts/ACe3b1d5f7a9c2e4f6b8d0a1c3e5f7b9d2/Messages.json?To={to}";""", t.Hex(32));
        M("messaging", "SendGrid", Arg,
            """
                sealed class SendGridClient { public SendGridClient(string apiKey) { } }
                object M() => new SendGridClient(VALUE);
            """, "SG." + t.Url(22) + "." + t.Url(43));
        F("messaging", "SendGrid", EnvWeb, "web.config",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <system.net>\n    <mailSettings>\n      <smtp from=\"noreply@contoso.com\" deliveryMethod=\"Network\">\n"
            + "        <network host=\"smtp.sendgrid.net\" port=\"587\" userName=\"apikey\" password=\"XMLVALUE\" enableSsl=\"true\" />\n"
            + "      </smtp>\n    </mailSettings>\n  </system.net>\n</configuration>\n", "SG." + t.Url(22) + "." + t.Url(43));
        M("messaging", "Discord", Arg,
            """
                enum TokenType { Bot }
                sealed class DiscordSocketClient { public System.Threading.Tasks.Task LoginAsync(TokenType type, string token) => System.Threading.Tasks.Task.CompletedTask; }
                System.Threading.Tasks.Task M(DiscordSocketClient client) => client.LoginAsync(TokenType.Bot, VALUE);
            """, TokenMaker.B64Url(t.From(Digits, 18)) + "." + t.Url(6) + "." + t.Url(38));
        S("messaging", "Clickatell", "Clickatell", "ApiKey", Dict, t.Url(24));
        S("messaging", "Termii", "Termii", "ApiKey", Json, "TL" + t.AlphaNum(58));
        S("messaging", "Telesign", "Telesign", "ApiKey", Static, t.Base64(64));
        S("messaging", "Moosend", "Moosend", "ApiKey", Local, t.Uuid());
        M("messaging", "GetResponse", Arg,
            """    void M(System.Net.Http.HttpRequestMessage r) => r.Headers.Add("X-Auth-Token", "api-key " + VALUE);""", t.From(LowerDigits, 32));
        S("messaging", "Kit (ConvertKit)", "ConvertKit", "ApiSecret", Obj, t.Url(43));
        S("messaging", "Omnisend", "Omnisend", "ApiKey", Const, t.Hex(24) + "-" + t.AlphaNum(50));
        S("messaging", "Campaign Monitor", "CampaignMonitor", "ApiKey", Verbatim, t.Base64(64));
        S("messaging", "Airship", "UrbanAirship", "MasterSecret", Comment, t.Url(22));
        S("messaging", "Pushwoosh", "Pushwoosh", "ApiAccessToken", EnvWeb, t.AlphaNum(80));
        S("messaging", "Kakao", "Kakao", "RestApiKey", Raw, t.Hex(32));
        S("messaging", "Naver Cloud", "NaverCloud", "SecretKey", Dict, t.AlphaNum(40));
        M("messaging", "Drip", Interp,
            """    string M(string account) => $"https://INTERPVALUE:@api.getdrip.com/v2/{account}/subscribers";""", t.Hex(32));
        S("messaging", "Emarsys", "Emarsys", "Secret", Json, t.AlphaNum(20));
        S("messaging", "Gorgias", "Gorgias", "ApiKey", Interp, t.Hex(64));
        S("messaging", "Kustomer", "Kustomer", "ApiKey", Local, Hs256("{\"id\":\"" + t.Hex(24) + "\",\"user\":\"" + t.Hex(24) + "\",\"org\":\"" + t.Hex(24) + "\",\"orgName\":\"contoso\",\"roles\":[\"org.admin\"]}"));
        M("messaging", "Pumble", Interp,
            """    string M(string workspace) => $"https://api.pumble.com/workspaces/{workspace}/incomingWebhooks/postMessage/INTERPVALUE";""", t.AlphaNum(24));
        M("messaging", "Flock", Arg,
            """    object M() => new Uri("https://api.flock.com/hooks/sendMessage/" + VALUE);""", t.Uuid());
        S("messaging", "Sendy", "Sendy", "ApiKey", Static, t.AlphaNum(20));
        M("messaging", "Mailgun", Comment,
            "    // Mailgun SMTP (mg.contoso.com): postmaster@mg.contoso.com / RAWVALUE - port 587, STARTTLS\n    void M() { }",
            t.Hex(32) + "-" + t.Hex(8) + "-" + t.Hex(8));
        M("messaging", "Microsoft Teams", Local,
            """
                void M()
                {
                    var teamsWorkflow = VALUE;
                    U.Use(teamsWorkflow);
                }
            """, $"https://prod-{t.From(Digits, 2)}.westeurope.logic.azure.com:443/workflows/{t.Hex(32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={t.Url(43)}");

        // ================================================================ VCS, CI and package registries
        M("devops", "GitHub", Interp,
            """    string M(string owner, string repo) => $"https://x-access-token:INTERPVALUE@github.com/{owner}/{repo}.git";""", t.Checksummed("ghs_"));
        M("devops", "GitHub", Comment,
            """
                /// <remarks>
                /// Reads the release feed with a fine-grained token (contents:read, packages:read):
                /// RAWVALUE
                /// </remarks>
                void M() { }
            """, "github_pat_11" + t.From(UpperDigits, 20) + "_" + t.AlphaNum(59));
        F("devops", "GitHub", NuGet, "nuget.config", HeldOutCorpus.NuGetWithCredentials("github", "https://nuget.pkg.github.com/contoso/index.json", "contoso-bot"),
            t.Checksummed("gho_"));
        M("devops", "GitHub App", Raw,
            """"
                sealed class GitHubAppOptions { public long AppId { get; set; } public string? PrivateKey { get; set; } }
                object M() => new GitHubAppOptions
                {
                    AppId = 912345,
                    PrivateKey = """
            RAWVALUE
            """,
                };
            """", t.Pem("RSA PRIVATE KEY", 25));
        M("devops", "GitLab", Interp,
            """    string M(int project) => $"https://gitlab.com/api/v4/projects/{project}/trigger/pipeline?token=INTERPVALUE&ref=main";""", "glptt-" + t.Hex(40));
        F("devops", "GitLab", EnvWeb, ".env", "# runner registration (gitlab-runner register --non-interactive)\nCI_SERVER_URL=https://gitlab.contoso.com\nRUNNER_TOKEN=RAWVALUE\n", "glrt-" + t.Url(20));
        S("devops", "GitLab", "GitLabPackages", "DeployToken", NuGet, "gldt-" + t.Url(20));
        F("devops", "Azure DevOps", NuGet, "nuget.config", HeldOutCorpus.NuGetWithCredentials("contoso-internal", "https://pkgs.dev.azure.com/contoso/_packaging/internal/nuget/v3/index.json", "AzureDevOps"),
            t.AlphaNum(52) + "JQQJ99" + t.AlphaNum(18) + "AZDO" + t.AlphaNum(4));
        F("devops", "JFrog", NuGet, "nuget.config", HeldOutCorpus.NuGetWithCredentials("artifactory", "https://contoso.jfrog.io/artifactory/api/nuget/v3/nuget-remote", "ci-reader"),
            Convert.ToBase64String(Encoding.ASCII.GetBytes("reftkn:01:1796083200:" + t.AlphaNum(43))).TrimEnd('='));
        S("devops", "AWS CodeArtifact", "CodeArtifact", "AuthorizationToken", NuGet, "eyJ2ZXIiOjEsImlzdSI6MTc2NDU0NzIwMCwiZW5jIjoiQTEyOEdDTSIsInRhZyI6" + t.Url(300));
        S("devops", "Buildkite", "BuildkitePackages", "RegistryToken", NuGet, "bkua_" + t.Hex(40));
        S("devops", "Repsy", "Repsy", "Password", NuGet, Pw());
        S("devops", "Cloudsmith", "CloudsmithMirror", "ApiKey", NuGet, t.Hex(40));
        S("devops", "SourceHut", "SourceHut", "PersonalAccessToken", Dict, t.Url(76));
        S("devops", "Buddy", "BuddyWorks", "Token", Local, t.Hex(40));
        S("devops", "Woodpecker", "Woodpecker", "AgentSecret", EnvWeb, t.Hex(64));
        S("devops", "Cirrus CI", "CirrusCi", "ApiToken", Const, t.AlphaNum(64));
        S("devops", "Scalr", "Scalr", "Token", Json, Hs256("{\"jti\":\"at-" + t.From(LowerDigits, 17) + "\",\"iss\":\"contoso.scalr.io\"}"));
        S("devops", "env0", "Env0", "ApiKeySecret", Obj, t.AlphaNum(32));
        M("devops", "Private Packagist", Comment,
            "    // composer config --global --auth http-basic.repo.packagist.com token RAWVALUE\n    void M() { }", "packagist_uat_" + t.AlphaNum(68));
        S("devops", "Anaconda", "Anaconda", "Token", Static, t.From(LowerDigits, 2) + "-" + t.Uuid());
        M("devops", "CocoaPods", Comment,
            "    /* ~/.netrc on the mac build agent:\n       machine trunk.cocoapods.org\n         login mobile@contoso.com\n         password RAWVALUE\n    */\n    void M() { }", t.Hex(32));
        S("devops", "DeepSource", "DeepSource", "Dsn", EnvWeb, $"https://{t.Hex(32)}@app.deepsource.com");
        S("devops", "Code Climate", "CodeClimate", "ReporterId", Verbatim, t.Hex(64));
        S("devops", "Mend", "Mend", "UserKey", Dict, t.Hex(64));
        S("devops", "BuildBuddy", "BuildBuddy", "ApiKey", Interp, t.AlphaNum(20));
        M("devops", "npm", Raw,
            """"
                void M()
                {
                    var npmrc = """
                        @contoso:registry=https://registry.npmjs.org/
                        //registry.npmjs.org/:_authToken=RAWVALUE
                        always-auth=true
                        """;
                    U.Use(npmrc);
                }
            """", t.Checksummed("npm_"));
        M("devops", "PyPI", Raw,
            """"
                void M()
                {
                    var pypirc = """
                        [distutils]
                        index-servers = pypi

                        [pypi]
                        username = __token__
                        password = RAWVALUE
                        """;
                    U.Use(pypirc);
                }
            """", "pypi-AgEIcHlwaS5vcmc" + t.Url(140));
        F("devops", "Docker Hub", Json, "appsettings.json",
            AppSettings("ContainerRegistry", "    \"Server\": \"docker.io\",\n    \"Username\": \"contosobuild\",\n    \"Password\": \"JSONVALUE\""), "dckr_pat_" + t.Url(27));
        M("devops", "Bitbucket", Interp,
            """    string M(string workspace, string repo) => $"https://x-token-auth:INTERPVALUE@bitbucket.org/{workspace}/{repo}.git";""", "ATCTT3xFfGN0" + t.Url(180) + "=" + t.From(UpperDigits, 8));
        M("devops", "NuGet", Comment,
            "    // release: dotnet nuget push artifacts/*.nupkg --api-key RAWVALUE --source https://api.nuget.org/v3/index.json\n    void M() { }", "oy2" + t.From(LowerDigits, 43));

        // ================================================================ other SaaS
        S("saas", "Contentstack", "Contentstack", "ManagementToken", Json, "cs" + t.Hex(32));
        S("saas", "Prismic", "Prismic", "AccessToken", Local, "MC5" + t.Url(60) + "." + t.Url(40));
        S("saas", "Directus", "Directus", "StaticToken", Obj, t.Url(32));
        S("saas", "Wrike", "Wrike", "PermanentToken", Const, "eyJ0dCI6InAiLCJhbGciOiJIUzI1NiIsInR2IjoiMSJ9." + TokenMaker.B64Url("{\"d\":\"{\\\"a\\\":" + t.From(Digits, 7) + ",\\\"i\\\":" + t.From(Digits, 8) + "}\",\"iat\":1764547200}") + "." + t.Base64Url(32));
        S("saas", "Shortcut", "Shortcut", "ApiToken", Dict, t.Uuid());
        S("saas", "YouTrack", "YouTrack", "PermanentToken", Verbatim, "perm:" + TokenMaker.B64Url("svc-youtrack") + "." + TokenMaker.B64Url(t.From(Digits, 2) + "-" + t.From(Digits, 3)) + "." + t.AlphaNum(30));
        S("saas", "Raygun", "Raygun", "ApiKey", Static, t.AlphaNum(22));
        S("saas", "Hotjar", "Hotjar", "ClientSecret", EnvWeb, t.Hex(64));
        S("saas", "DevCycle", "DevCycle", "ServerSdkKey", Json, "dvc_server_" + t.Uuid().Replace("-", "_", StringComparison.Ordinal) + "_" + t.Hex(7));
        S("saas", "Airbyte", "Airbyte", "ClientSecret", Local, t.AlphaNum(32));
        S("saas", "Freshservice", "Freshservice", "ApiKey", Interp, t.AlphaNum(20));
        S("saas", "SurveyMonkey", "SurveyMonkey", "AccessToken", Raw, t.From(TokenMaker.Alnum + "-.", 64));
        S("saas", "Egnyte", "Egnyte", "ClientSecret", Obj, t.AlphaNum(32));
        S("saas", "Filestack", "Filestack", "AppSecret", Const, t.From(UpperDigits, 26));
        M("saas", "Shodan", Interp,
            """    string M(string ip) => $"https://api.shodan.io/shodan/host/{ip}?key=INTERPVALUE";""", t.AlphaNum(32));
        M("saas", "VirusTotal", Arg,
            """    void M(System.Net.Http.HttpClient vt) => vt.DefaultRequestHeaders.Add("x-apikey", VALUE);""", t.Hex(64));
        S("saas", "Censys", "Censys", "ApiSecret", Comment, t.AlphaNum(32));
        M("saas", "AbuseIPDB", Arg,
            """    void M(System.Net.Http.HttpRequestMessage check) => check.Headers.Add("Key", VALUE);""", t.Hex(80));
        S("saas", "SecurityTrails", "SecurityTrails", "ApiKey", Dict, t.AlphaNum(32));
        S("saas", "Have I Been Pwned", "Hibp", "ApiKey", Static, t.Hex(32));
        S("saas", "urlscan.io", "Urlscan", "ApiKey", Verbatim, t.Uuid());
        S("saas", "Zammad", "Zammad", "AccessToken", Json, t.Url(64));
        S("saas", "Transloadit", "Transloadit", "AuthSecret", EnvWeb, t.Hex(40));
        S("saas", "Radar", "Radar", "SecretKey", Interp, "prj_live_sk_" + t.Hex(40));
        M("saas", "ipstack", Interp,
            """    string M(string ip) => $"https://api.ipstack.com/{ip}?access_key=INTERPVALUE&fields=country_code";""", t.Hex(32));
        S("saas", "Pendo", "Pendo", "IntegrationKey", Local, t.Uuid() + ".us");
        S("saas", "Hightouch", "Hightouch", "ApiKey", Raw, t.Uuid());
        S("saas", "Census", "Census", "SecretToken", Comment, "secret-token:" + t.AlphaNum(36));
        S("saas", "Tally", "Tally", "ApiKey", Dict, "tly-" + t.AlphaNum(32));
        S("saas", "Split", "Split", "ServerSideSdkKey", Obj, t.From(LowerDigits, 36));
        M("saas", "Imgix", Comment, "    // imgix purge: curl -X POST https://api.imgix.com/api/v1/purge -H \"Authorization: Bearer RAWVALUE\"\n    void M() { }", "ak_" + t.Hex(64));
        S("saas", "ConfigCat", "ConfigCat", "PublicApiPassword", Const, t.Base64(32));

        // ================================================================ generic credentials and connection strings
        M("generic", "MongoDB Atlas", Interp,
            """    string M(string db) => $"mongodb+srv://orders-api:INTERPVALUE@cluster0.x7kqe.mongodb.net/{db}?retryWrites=true&w=majority&appName=orders";""", Pw());
        M("generic", "SurrealDB", Interp,
            """    string M(string ns) => $"wss://root:INTERPVALUE@surreal.contoso.internal:8000/rpc?ns={ns}&db=main";""", Pw());
        S("generic", "EventStoreDB", "EventStore", "ConnectionString", Verbatim, $"esdb://admin:{Pw()}@events-1.contoso.internal:2113,events-2.contoso.internal:2113?tls=true&nodePreference=leader");
        S("generic", "Hazelcast", "Hazelcast", "ClusterPassword", Obj, Pw());
        S("generic", "MotherDuck", "MotherDuck", "ConnectionString", Json, "md:analytics?motherduck_token=" + Hs256("{\"session\":\"contoso.analytics\",\"email\":\"data@contoso.com\",\"userId\":\"" + t.Uuid() + "\",\"iat\":1764547200}"));
        S("generic", "QuestDB", "QuestDb", "ConnectionString", Local, $"https::addr=questdb.contoso.internal:9000;username=admin;password={Pw()};");
        S("generic", "Trino", "Trino", "JdbcUrl", Const, $"jdbc:trino://trino.contoso.internal:443/hive/sales?SSL=true&user=etl&password={Pw()}");
        M("generic", "Apache Solr", Arg, "    object M() => new Uri(VALUE);", $"https://solr:{Pw()}@search.contoso.internal:8983/solr/products/select?q=*:*");
        S("generic", "WebDAV", "Nextcloud", "WebDavUrl", Dict, $"https://backup:{Pw()}@cloud.contoso.com/remote.php/dav/files/backup/");
        S("generic", "Greenplum", "Greenplum", "ConnectionString", EnvWeb, $"Host=gp-master.contoso.internal;Port=5432;Database=dw;Username=gpadmin;Password={Pw()};SSL Mode=Require");
        S("generic", "Memgraph", "Memgraph", "Uri", Static, $"bolt+s://graph:{Pw()}@memgraph.contoso.internal:7687");
        S("generic", "CrateDB", "CrateDb", "ConnectionString", Raw, $"Host=crate.contoso.internal;Port=5432;Username=crate_app;Password={Pw()};Database=doc");
        M("generic", "SQL Server", Comment,
            "    // local repro: docker run -e ACCEPT_EULA=Y -e MSSQL_SA_PASSWORD='RAWVALUE' -p 1433:1433 mcr.microsoft.com/mssql/server:2022-latest\n    void M() { }", Pw());
        M("generic", "Basic auth header", Comment,
            "    // GET /api/v2/reports HTTP/1.1\n    // Authorization: Basic RAWVALUE\n    void M() { }", Convert.ToBase64String(Encoding.ASCII.GetBytes("reporting:" + Pw())));
        M("generic", "SOCKS proxy", Interp,
            """    string M(int port) => $"socks5://scraper:INTERPVALUE@proxy.contoso.net:{port}";""", Pw());
        M("generic", "Windows autologon", Comment,
            "    // kiosk image: reg add \"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\" /v DefaultPassword /t REG_SZ /d RAWVALUE /f\n    void M() { }", Pw());
        M("generic", "Login request", Raw,
            """"
                void M()
                {
                    var login = """{"username":"integration@contoso.com","password":"RAWVALUE","grant_type":"password"}""";
                    U.Use(login);
                }
            """", Pw());
        S("generic", "Apache Ignite", "Ignite", "Password", Dict, Pw());
        S("generic", "Aerospike", "Aerospike", "Password", Local, Pw());
        F("generic", "Database", Json, "appsettings.json",
            "{\n  \"ConnectionStrings\": {\n    \"Reporting\": \"Data Source=tcp:sql-reporting.contoso.net,1433;Initial Catalog=reports;User ID=report_reader;Password=JSONVALUE;Encrypt=True\"\n  }\n}\n", Pw());
        S("generic", "API", "Backoffice", "ApiSecret", Const, t.Base64Url(32));
        S("generic", "Shared secret", "Webhooks", "SigningSecret", Json, t.Hex(64));

        // ================================================================ private keys and key material
        M("keys", "XML RSA private key", Arg,
            """    void M(System.Security.Cryptography.RSA rsa) => rsa.FromXmlString(VALUE);""", RsaXml(t));
        M("keys", "OpenSSH private key", Verbatim,
            """
                void M()
                {
                    string deployKey = @"RAWVALUE";
                    U.Use(deployKey);
                }
            """, HeldOutBatch5.OpenSshKey(t));
        S("keys", "Apple Push Notification service", "Apns", "AuthKey", Json, t.EscapedPem("PRIVATE KEY", 3));
        F("keys", "PGP private key", EnvWeb, ".env",
            "SIGNING_KEY_ID=" + "4A1F9C2B7D3E8F60\nGPG_PRIVATE_KEY=\"RAWVALUE\"\n", t.Pem("PGP PRIVATE KEY BLOCK", 12, "\n").Replace("\n", "\\n", StringComparison.Ordinal));
        M("keys", "PKCS#8 private key", Static,
            """"
                internal static readonly string ServiceSigningKey = """
            RAWVALUE
            """;
            """", t.Pem("PRIVATE KEY", 16));
        M("keys", "Ed25519 signing seed", Comment,
            "    // license signer (ed25519) seed, hex: RAWVALUE\n    void M() { }", t.Hex(64));
        S("keys", "EC private key", "Tokens", "SigningKeyPem", Obj, t.EscapedPem("EC PRIVATE KEY", 3));
        M("keys", "AES key", Local,
            """
                void M()
                {
                    using var aes = System.Security.Cryptography.Aes.Create();
                    aes.Key = Convert.FromBase64String(VALUE);
                    U.Use(aes);
                }
            """, t.Base64(32));
        M("keys", "HMAC key", Arg,
            """    object M() => new System.Security.Cryptography.HMACSHA512(Encoding.UTF8.GetBytes(VALUE));""", t.Url(64));
        M("keys", "Data protection key", Raw,
            """    static ReadOnlySpan<byte> MasterKey => VALUEu8;""", t.Base64(32));

        // ================================================================ C# credential APIs
        M("csharp", "SqlCredential", Local,
            """
                sealed class SqlCredential { public SqlCredential(string user, System.Security.SecureString password) { } }
                void M()
                {
                    var password = new System.Security.SecureString();
                    foreach (var ch in VALUE) password.AppendChar(ch);
                    password.MakeReadOnly();
                    U.Use(new SqlCredential("svc_reports", password));
                }
            """, Pw());
        M("csharp", "PrincipalContext", Arg,
            """
                enum ContextType { Domain }
                sealed class PrincipalContext { public PrincipalContext(ContextType type, string name, string user, string password) { } }
                object M() => new PrincipalContext(ContextType.Domain, "corp.contoso.com", "svc-ldap-sync", VALUE);
            """, Pw());
        M("csharp", "DirectoryEntry", Arg,
            """
                sealed class DirectoryEntry { public DirectoryEntry(string path, string user, string password) { } }
                object M() => new DirectoryEntry("LDAP://dc01.corp.contoso.com/OU=Users,DC=corp,DC=contoso,DC=com", @"CORP\svc-hr", VALUE);
            """, Pw());
        M("csharp", "UsernamePasswordCredential", Obj,
            """
                sealed class UsernamePasswordCredential { public UsernamePasswordCredential(string user, string password, string tenant, string clientId) { } }
                object M() => new UsernamePasswordCredential("automation@contoso.onmicrosoft.com", VALUE, "contoso.onmicrosoft.com", "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
            """, Pw());
        M("csharp", "AzureSasCredential", Arg,
            """
                sealed class AzureSasCredential { public AzureSasCredential(string signature) { } }
                object M() => new AzureSasCredential(VALUE);
            """, $"sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2026-06-30T18:00:00Z&st=2025-12-01T09:00:00Z&spr=https&sig={Uri.EscapeDataString(t.Base64(32))}");
        M("csharp", "MinIO client builder", Arg,
            """
                sealed class MinioClient
                {
                    public MinioClient WithEndpoint(string endpoint) => this;
                    public MinioClient WithCredentials(string accessKey, string secretKey) => this;
                    public MinioClient Build() => this;
                }
                object M() => new MinioClient().WithEndpoint("minio.contoso.internal:9000").WithCredentials("backup-writer", VALUE).Build();
            """, t.AlphaNum(40));
        M("csharp", "Elasticsearch BasicAuthentication", Obj,
            """
                sealed class BasicAuthentication { public BasicAuthentication(string user, string password) { } }
                sealed class ElasticsearchClientSettings { public BasicAuthentication? Authentication { get; set; } }
                object M() => new ElasticsearchClientSettings { Authentication = new BasicAuthentication("elastic", VALUE) };
            """, Pw());
        M("csharp", "Elasticsearch ApiKey", Static,
            """
                internal sealed class ApiKey { public ApiKey(string encoded) { } }
                internal static readonly ApiKey SearchKey = new(VALUE);
            """, Convert.ToBase64String(Encoding.ASCII.GetBytes(t.Url(20) + ":" + t.Url(22))));
        M("csharp", "FluentFTP", Local,
            """
                sealed class AsyncFtpClient { public AsyncFtpClient(string host, string user, string pass) { } }
                void M()
                {
                    var ftp = new AsyncFtpClient("ftp.partner-edi.com", "contoso_edi", VALUE);
                    U.Use(ftp);
                }
            """, Pw());
        M("csharp", "Basic header built in code", Local,
            """
                void M(System.Net.Http.HttpClient client)
                {
                    var basic = Convert.ToBase64String(Encoding.ASCII.GetBytes("api:" + VALUE));
                    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", basic);
                }
            """, Pw());
        M("csharp", "Session cookie", Arg,
            """    void M(System.Net.CookieContainer jar) => jar.Add(new System.Net.Cookie(".AspNetCore.Cookies", VALUE, "/", "admin.contoso.com"));""",
            "CfDJ8" + t.Url(300));
        M("csharp", "Attribute argument", Const,
            """
                [AttributeUsage(AttributeTargets.Method)] sealed class RequireApiKeyAttribute : Attribute { public RequireApiKeyAttribute(string key) { } }
                [RequireApiKey(VALUE)] void M() { }
            """, t.AlphaNum(40));
        M("csharp", "Options lambda", Obj,
            """
                sealed class SmtpOptions { public string? Host { get; set; } public string? UserName { get; set; } public string? Password { get; set; } }
                static void Configure(Action<SmtpOptions> configure) => configure(new SmtpOptions());
                void M() => Configure(o => { o.Host = "smtp.office365.com"; o.UserName = "noreply@contoso.com"; o.Password = VALUE; });
            """, Pw());
        M("csharp", "MySqlConnectionStringBuilder", Obj,
            """
                sealed class MySqlConnectionStringBuilder { public string? Server { get; set; } public string? UserID { get; set; } public string? Password { get; set; } public string? Database { get; set; } }
                object M() => new MySqlConnectionStringBuilder { Server = "mysql.contoso.internal", UserID = "shop", Password = VALUE, Database = "shop" };
            """, Pw());
        M("csharp", "Oracle connection string", Verbatim,
            """
                void M()
                {
                    var oracle = @"User Id=FINANCE_APP;Password=RAWVALUE;Data Source=(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=ora-fin.contoso.internal)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=FINPRD)))";
                    U.Use(oracle);
                }
            """, Pw());
        M("csharp", "NetworkCredential initializer", Obj,
            """    object M() => new System.Net.NetworkCredential { UserName = "svc-print", Password = VALUE, Domain = "CORP" };""", Pw());
        M("csharp", "Token auth header", Static,
            """
                internal static readonly System.Net.Http.Headers.AuthenticationHeaderValue ReportingAuth = new("Token", VALUE);
            """, t.Hex(40));
        M("csharp", "ProcessStartInfo", Obj,
            """    object M() => new System.Diagnostics.ProcessStartInfo("backup.exe") { UserName = "svc-backup", Domain = "CORP", PasswordInClearText = VALUE, UseShellExecute = false };""", Pw());
        M("csharp", "Dictionary config source", Dict,
            """    Dictionary<string, string?> M() => new() { ["ConnectionStrings:Billing"] = "Server=sql01;Database=billing;User Id=billing_app;Password=" + VALUE + ";TrustServerCertificate=True" };""", Pw());
        M("csharp", "Redis configuration", Dict,
            """    Dictionary<string, object> M() => new() { ["redis"] = "cache.contoso.internal:6380,ssl=true,abortConnect=false,password=" + VALUE };""", t.Base64(32));
        M("csharp", "RabbitMQ URI", Const, "    private const string BusUri = VALUE;", $"amqps://orders:{Pw()}@rabbit.contoso.internal:5671/orders");
        M("csharp", "Kafka SASL config", Dict,
            """    Dictionary<string, string> M() => new() { { "bootstrap.servers", "pkc-41wq6.eu-west-2.aws.confluent.cloud:9092" }, { "sasl.mechanisms", "PLAIN" }, { "sasl.username", "QYJ4T7W2NOKQ3R5F" }, { "sasl.password", VALUE } };""",
            t.From(TokenMaker.Alnum + "+/", 64));

        // ================================================================ well-known providers in more shapes
        F("devops", "GitHub", EnvWeb, ".env", "# gh CLI and the release script\nGH_TOKEN=RAWVALUE\nGH_REPO=contoso/billing\n", t.Checksummed("ghp_"));
        M("devops", "GitHub", Local,
            """
                void M()
                {
                    var userToServerToken = VALUE;
                    U.Use(userToServerToken);
                }
            """, t.Checksummed("ghu_"));
        M("devops", "GitLab", Comment, "    // glab auth login --hostname gitlab.contoso.com --token RAWVALUE\n    void M() { }", "glpat-" + t.Url(20));
        F("devops", "npm", EnvWeb, ".env", "NODE_ENV=production\nNPM_TOKEN=RAWVALUE\n", t.Checksummed("npm_"));
        M("devops", "Azure DevOps", Interp,
            """    string M(string project, string repo) => $"https://build:INTERPVALUE@dev.azure.com/contoso/{project}/_git/{repo}";""", t.From("abcdefghijklmnopqrstuvwxyz234567", 52));
        M("saas", "Sentry", Raw,
            """"
                void M()
                {
                    var sentryclirc = """
                        [defaults]
                        org = contoso
                        project = billing-api

                        [auth]
                        token = RAWVALUE
                        """;
                    U.Use(sentryclirc);
                }
            """", "sntrys_" + TokenMaker.B64Url("{\"iat\":1764547200.1,\"url\":\"https://sentry.io\",\"region_url\":\"https://us.sentry.io\",\"org\":\"contoso\"}") + "_" + t.Url(43));
        M("saas", "Shopify", Arg,
            """    void M(System.Net.Http.HttpRequestMessage admin) => admin.Headers.Add("X-Shopify-Access-Token", VALUE);""", "shpat_" + t.Hex(32));
        M("saas", "Datadog", Obj,
            """
                sealed class DatadogOptions { public string? Site { get; set; } public string? ApiKey { get; set; } }
                object M() => new DatadogOptions { Site = "datadoghq.eu", ApiKey = VALUE };
            """, t.Hex(32));
        M("messaging", "Slack", Interp,
            """    string M(string channel, string text) => $"https://slack.com/api/chat.postMessage?token=INTERPVALUE&channel={channel}&text={Uri.EscapeDataString(text)}";""",
            $"xoxb-{t.From(Digits, 12)}-{t.From(Digits, 13)}-{t.AlphaNum(24)}");
        M("messaging", "Slack", Arg,
            """    System.Threading.Tasks.Task M(System.Net.Http.HttpClient http, System.Net.Http.HttpContent alert) => http.PostAsync(VALUE, alert);""",
            $"https://hooks.slack.com/services/T{t.From(UpperDigits, 10)}/B{t.From(UpperDigits, 10)}/{t.AlphaNum(24)}");
        M("messaging", "Twilio", Arg,
            """
                sealed class TwilioRestClient { public TwilioRestClient(string username, string password, string accountSid) { } }
                object M() => new TwilioRestClient("SK3c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f", VALUE, "AC1f2e3d4c5b6a79880f1e2d3c4b5a6978");
            """, t.AlphaNum(32));
        M("messaging", "SendGrid", Comment, "    // run locally: SENDGRID_API_KEY='RAWVALUE' dotnet run --project src/Notifications\n    void M() { }", "SG." + t.Url(22) + "." + t.Url(43));
        M("messaging", "Mailgun", Interp,
            """    string M(string domain) => $"https://api:INTERPVALUE@api.mailgun.net/v3/{domain}/messages";""", "key-" + t.Hex(32));
        S("messaging", "Discord", "Discord", "WebhookUrl", Json, $"https://discord.com/api/webhooks/{t.From(Digits, 19)}/{t.Url(68)}");
        S("messaging", "Telegram", "Telegram", "BotToken", Const, $"{t.From(Digits, 10)}:AA{t.Url(33)}");
        M("cloud", "AWS", Dict,
            $$"""    Dictionary<string, string> M() => new() { ["AWS:AccessKey"] = "AKIA{{t.From(Base32, 16)}}", ["AWS:SecretKey"] = VALUE, ["AWS:Region"] = "eu-west-1" };""",
            t.From(TokenMaker.Alnum + "+/", 40));
        M("cloud", "AWS", Arg,
            """
                sealed class AmazonSimpleEmailServiceV2Client { public AmazonSimpleEmailServiceV2Client(string accessKeyId, string secretAccessKey) { } }
                object M() => new AmazonSimpleEmailServiceV2Client("AKIA" + "Q3EXAMPLEHOSTING", VALUE);
            """, t.From(TokenMaker.Alnum + "+/", 40));
        F("cloud", "Azure Storage", EnvWeb, ".env",
            "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=https;AccountName=contosomedia;AccountKey=RAWVALUE;EndpointSuffix=core.windows.net\"\n", t.Base64(64));
        M("cloud", "Azure Service Bus", Interp,
            """    string M(string ns) => $"Endpoint=sb://{ns}.servicebus.windows.net/;SharedAccessKeyName=send-only;SharedAccessKey=INTERPVALUE;EntityPath=orders";""", t.Base64(32));
        F("cloud", "Microsoft Entra ID", EnvWeb, ".env", "AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47\nAZURE_CLIENT_ID=" + t.Uuid() + "\nAZURE_CLIENT_SECRET=RAWVALUE\n", t.EntraSecret());
        F("cloud", "Google Cloud", Json, "appsettings.json",
            AppSettings("GoogleCredential", "    \"type\": \"service_account\",\n    \"client_email\": \"exporter@contoso-prod.iam.gserviceaccount.com\",\n    \"private_key\": \"JSONVALUE\""), t.Pem("PRIVATE KEY", 10));
        S("cloud", "Google Maps", "GoogleMaps", "ApiKey", Const, "AIza" + t.Url(35));
        M("cloud", "Google OAuth", Obj,
            """
                sealed class ClientSecrets { public string? ClientId { get; set; } public string? ClientSecret { get; set; } }
                object M() => new ClientSecrets { ClientId = "284753029311-9sd8f7g6h5j4k3l2m1n0b9v8c7x6z5a4.apps.googleusercontent.com", ClientSecret = VALUE };
            """, "GOCSPX-" + t.Url(28));
        S("ai", "OpenAI", "OpenAI", "Key", Verbatim, t.OpenAiStyle("sk-proj-"));
        S("ai", "Anthropic", "Anthropic", "ApiKey", EnvWeb, "sk-ant-api03-" + t.Url(93) + "AA");
        S("ai", "Hugging Face", "HuggingFace", "Token", Json, "hf_" + t.From(TokenMaker.Upper + TokenMaker.Lower, 34));
        M("payments", "Stripe", Verbatim,
            """
                void M()
                {
                    var refund = @"curl https://api.stripe.com/v1/refunds -u ""RAWVALUE:"" -d payment_intent=pi_3Q1xYz";
                    U.Use(refund);
                }
            """, "sk_live_51" + t.AlphaNum(97));
        S("payments", "Square", "Square", "AccessToken", Interp, "EAAA" + t.Url(60));

        // ================================================================ look-alikes of well-known providers
        L("public", "ApplicationInsights", "ConnectionString", Json, $"InstrumentationKey={t.Uuid()};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/");
        L("fixture", "GitHub", "ZeroToken", Local, "ghp_000000000000000000000000000000000000");
        L("example", "Slack", "DocsSigningSecret", Comment, "8f742231b10e8888abcd99yyyzzz85a5"); // Slack's request-verification docs
        L("example", "Aws", "DocsSecretKey", Verbatim, "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"); // AWS docs
        L("id", "Stripe", "WebhookEndpointId", Dict, "we_" + t.AlphaNum(24));
        L("id", "OpenAi", "OrganizationId", Static, "org-" + t.AlphaNum(24));
        L("id", "Azure", "SubscriptionId", EnvWeb, t.Uuid());
        L("id", "SendGrid", "TemplateId", Const, "d-" + t.Hex(32));
        L("fixture", "Twilio", "MagicTestNumber", Arg, "+15005550006"); // Twilio test credentials docs
        L("id", "Google", "ProjectNumber", Interp, t.From(Digits, 12));
        L("reference", "GitHub", "TokenFromActions", Raw, "${{ secrets.GITHUB_TOKEN }}");
        L("placeholder", "Slack", "WebhookUrl", Obj, "https://hooks.slack.com/services/YOUR/WEBHOOK/URL");

        // ================================================================ look-alikes: placeholders
        L("placeholder", "Contentstack", "ManagementToken", Json, "cs_your_management_token_here");
        L("placeholder", "Mercury", "ApiToken", EnvWeb, "secret-token:mercury_production_...");
        L("placeholder", "Twilio", "AuthToken", Interp, "{{TWILIO_AUTH_TOKEN}}");
        L("placeholder", "GitHub", "Token", Comment, "<paste a token with repo scope>");
        L("placeholder", "Aws", "SecretAccessKey", Dict, "********************************");
        L("placeholder", "Smtp", "Password", Const, "CHANGE_ME");
        L("placeholder", "Database", "Password", Static, "__DB_PASSWORD__");
        L("placeholder", "Stripe", "SecretKey", Local, "sk_live_<redacted>");
        L("placeholder", "OpenAi", "ApiKey", Obj, "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
        L("placeholder", "Feed", "Password", NuGet, "%FEED_PASSWORD%");
        L("placeholder", "Feed2", "Password", NuGet, "$(NUGET_FEED_PAT)");
        L("placeholder", "Slack", "SigningSecret", Verbatim, "your-signing-secret");
        L("placeholder", "Jwt", "Key", Raw, "super-secret-key-change-in-production");
        L("placeholder", "SendGrid", "ApiKey", Arg, "SG.<key id>.<secret>");
        L("placeholder", "Redis", "Password", EnvWeb, "${REDIS_PASSWORD}");
        LM("placeholder", "Mongo", Interp, """    string M(string db) => $"mongodb+srv://app:INTERPVALUE@cluster0.example.mongodb.net/{db}";""", "<db_password>");
        LF("placeholder", "Sample", Json, "appsettings.Development.json",
            AppSettings("Payments", "    \"Provider\": \"stripe\",\n    \"SecretKey\": \"JSONVALUE\",\n    \"WebhookSecret\": \"\""), "set-with-dotnet-user-secrets");
        L("placeholder", "Anthropic", "ApiKey", Comment, "sk-ant-...");
        L("placeholder", "Password", "Default", Dict, "password");
        L("placeholder", "Token", "Bearer", Const, "Bearer ");

        // ================================================================ look-alikes: documented examples
        L("example", "Aws", "SecretAccessKey", Comment, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"); // AWS docs
        L("example", "Stripe", "PublishableKey", Json, "pk_test_TYooMQauvdEDq54NiTphI7jx"); // Stripe docs' public test key
        L("example", "Jwt", "SampleToken", Raw, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"); // jwt.io
        L("example", "Rfc", "BasicAuth", Verbatim, "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="); // RFC 7617 example (Aladdin:open sesame)
        L("example", "Twilio", "TestAccountSid", Static, "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"); // Twilio docs
        L("example", "Microsoft", "SampleClientId", Obj, "00001111-aaaa-2222-bbbb-3333cccc4444"); // Microsoft identity platform docs' sample client id
        L("example", "Stellar", "DocsPublicKey", Interp, "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ"); // SEP-23 public key example
        L("example", "Ethereum", "VitalikAddress", Local, "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"); // a well-known public Ethereum address (ENS vitalik.eth)
        L("example", "Rfc", "HmacTestKey", Arg, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"); // RFC 4231 test case 1 key

        // ================================================================ look-alikes: emulator and local development
        L("emulator", "Azurite", "ConnectionString", Dict, "UseDevelopmentStorage=true");
        L("emulator", "Postgres", "ConnectionString", Json, "Host=localhost;Port=5432;Database=orders_dev;Username=postgres;Password=postgres");
        L("emulator", "MinIO", "RootPassword", EnvWeb, "minioadmin");
        L("emulator", "RabbitMq", "Uri", Const, "amqp://guest:guest@localhost:5672/");
        L("emulator", "Redis", "ConnectionString", Verbatim, "localhost:6379,abortConnect=false");
        L("emulator", "LocalStack", "SecretAccessKey", Local, "test");
        L("emulator", "Elasticsearch", "Password", Obj, "changeme");

        // ================================================================ look-alikes: public and publishable keys
        L("public", "Radar", "PublishableKey", Json, "prj_live_pk_" + t.Hex(40));
        L("public", "Stripe", "PublishableKey", Static, "pk_live_51" + t.AlphaNum(97));
        L("public", "Firebase", "WebApiKeyNote", Comment, "client config, restricted by HTTP referrer (public by design)");
        L("public", "Recaptcha", "SiteKey", Obj, "6L" + t.Url(38));
        L("public", "Sentry", "BrowserDsnHost", Const, "o4506" + t.From(Digits, 10) + ".ingest.us.sentry.io");
        L("public", "Stellar", "AccountId", Local, StellarAccount(t));
        L("public", "Ssh", "AuthorizedKey", Raw, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + t.Base64(32)[..43] + " deploy@build-agent-07");
        LM("public", "Release", Static, """"
                internal static readonly string ReleasePublicKey = """
            RAWVALUE
            """;
            """", t.Pem("PUBLIC KEY", 6));
        LM("public", "Tls", Comment, "    /* server certificate (public):\nRAWVALUE\n    */\n    void M() { }", t.Pem("CERTIFICATE", 12));
        LM("public", "Dh", Verbatim, """
                void M()
                {
                    string dhParams = @"RAWVALUE";
                    U.Use(dhParams);
                }
            """, t.Pem("DH PARAMETERS", 5));
        L("public", "Paddle", "ClientSideToken", Interp, "live_" + t.Hex(27));
        L("public", "Algolia", "SearchOnlyApiKey", Dict, t.Hex(32));
        L("public", "Mapbox", "PublicToken", EnvWeb, "pk.eyJ1IjoiY29udG9zbyIsImEiOiJ" + t.Url(20) + "." + t.Url(22));
        L("public", "PostHog", "ProjectApiKey", Arg, "phc_" + t.AlphaNum(43));

        // ================================================================ look-alikes: ids next to id words
        L("id", "Twilio", "AccountSid", Json, "AC" + t.Hex(32));
        L("id", "Twilio", "MessagingServiceSid", Const, "MG" + t.Hex(32));
        L("id", "AzureAd", "TenantId", EnvWeb, t.Uuid());
        L("id", "AzureAd", "ClientId", Dict, t.Uuid());
        L("id", "Stripe", "CustomerId", Local, "cus_" + t.AlphaNum(14));
        L("id", "Stripe", "PriceId", Static, "price_1" + t.AlphaNum(23));
        L("id", "Slack", "ChannelId", Obj, "C0" + t.From(UpperDigits, 9));
        L("id", "Aws", "AccessKeyId", Comment, "AKIA" + t.From(Base32, 16));
        L("id", "GoogleAnalytics", "MeasurementId", Interp, "G-" + t.From(UpperDigits, 10));
        L("id", "Datadog", "ApplicationId", Raw, t.Uuid());
        L("id", "Google", "OAuthClientId", Verbatim, t.From(Digits, 12) + "-" + t.From(LowerDigits, 32) + ".apps.googleusercontent.com");
        L("id", "Segment", "SourceId", Arg, t.AlphaNum(22));
        L("id", "Subscription", "Id", Json, t.Uuid());
        L("id", "Order", "Number", Dict, "ORD-2025-" + t.From(Digits, 8));
        L("id", "Payoneer", "ProgramId", EnvWeb, t.From(Digits, 9));

        // ================================================================ look-alikes: hashes, integrity values, fingerprints
        L("hash", "Cdn", "Integrity", Const, "sha384-" + t.Base64(48));
        L("hash", "Download", "Sha256", Json, t.Hex(64));
        L("hash", "Release", "Checksum", Comment, "sha512:" + t.Hex(128));
        L("hash", "Webhook", "ExpectedSignatureForTest", Local, "sha256=" + t.Hex(64));
        L("hash", "Identity", "PasswordHashSample", Verbatim, "AQAAAAIAAYagAAAAE" + t.Base64(48));
        L("hash", "Bcrypt", "AdminHash", Static, "$2a$12$" + t.From(TokenMaker.Alnum + "./", 53));
        L("hash", "Certificate", "Thumbprint", Obj, t.Hex(40).ToUpperInvariant());
        L("hash", "Ssh", "HostKeyFingerprint", Interp, "SHA256:" + t.Base64(32).TrimEnd('='));
        L("hash", "Npm", "Integrity", Raw, "sha512-" + t.Base64(64));
        LF("hash", "Lock", NuGet, "nuget.config",
            NuGetFile("  <trustedSigners>\n    <author name=\"contoso\">\n      <certificate fingerprint=\"XMLVALUE\" hashAlgorithm=\"SHA256\" allowUntrustedRoot=\"false\" />\n    </author>\n  </trustedSigners>\n"),
            t.Hex(64).ToUpperInvariant());

        // ================================================================ look-alikes: encoded non-secret data
        L("data", "Logo", "DataUri", Static, "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        L("data", "Favicon", "Base64", Json, "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        L("data", "Font", "Woff2Prefix", Raw, "d09GMgABAAAAA" + t.Base64(90));
        L("data", "Config", "Base64Settings", Dict, Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"theme\":\"dark\",\"pageSize\":50,\"locale\":\"en-GB\"}")));
        L("data", "Pager", "ContinuationToken", Interp, TokenMaker.B64Url("{\"offset\":200,\"sort\":\"createdAt\"}"));
        L("data", "Html", "Template", Verbatim, "<div class=\"card\"><h2>{{title}}</h2><p>{{body}}</p></div>");
        L("data", "Regex", "Pattern", Const, "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");
        L("data", "Jwt", "UnsignedExample", Comment, TokenMaker.B64Url("{\"alg\":\"none\"}") + "." + TokenMaker.B64Url("{\"sub\":\"demo\",\"role\":\"viewer\"}") + ".");
        L("data", "Svg", "IconPath", Obj, "M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm1 15h-2v-6h2v6zm0-8h-2V7h2v2z");

        // ================================================================ look-alikes: environment and secret-store references
        L("reference", "Vault", "SecretPath", Json, "vault:secret/data/payments#stripe_key");
        L("reference", "KeyVault", "Reference", EnvWeb, "@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/StripeKey/)");
        L("reference", "Aws", "SecretArn", Const, "arn:aws:secretsmanager:us-east-2:123456789012:secret:prod/billing/stripe-AbCdEf");
        L("reference", "Gcp", "SecretName", Static, "projects/contoso-prod/secrets/sendgrid-api-key/versions/latest");
        L("reference", "Env", "ApiKeyVariable", Local, "OPENAI_API_KEY");
        L("reference", "Doppler", "Reference", Dict, "${{ secrets.STRIPE_SECRET_KEY }}");
        L("reference", "OnePassword", "Reference", Interp, "op://Engineering/Stripe/credential");
        L("reference", "K8s", "SecretKeyRef", Raw, "secretKeyRef: { name: billing-secrets, key: stripe-key }");
        L("reference", "UserSecrets", "Id", Obj, t.Uuid());
        L("reference", "Feed", "Password", NuGet, "%AZURE_ARTIFACTS_PAT%");
        LM("reference", "EnvRead", Arg, """    string? M() => Environment.GetEnvironmentVariable(VALUE);""", "GITHUB_TOKEN");
        LM("reference", "ConfigRead", Comment, "    // the key comes from configuration: RAWVALUE\n    void M() { }", "builder.Configuration[\"Stripe:SecretKey\"]");

        // ================================================================ look-alikes: URLs and connection strings without credentials
        L("url", "Slack", "OAuthAuthorizeUrl", Const, "https://slack.com/oauth/v2/authorize?client_id=1234567890.1234567890&scope=chat:write");
        L("url", "Qovery", "ApiBase", Json, "https://api.qovery.com/organization");
        L("url", "Sql", "ConnectionString", Verbatim, "Server=sql01.contoso.internal;Database=orders;Integrated Security=true;TrustServerCertificate=True");
        L("url", "Mongo", "ConnectionString", Local, "mongodb://mongo-0.contoso.internal:27017,mongo-1.contoso.internal:27017/?replicaSet=rs0");
        L("url", "Storage", "BlobUri", Interp, "https://contosoexports.blob.core.windows.net/exports/daily.csv");
        L("url", "ServiceBus", "ConnectionString", Static, "Endpoint=sb://contoso-orders.servicebus.windows.net/;Authentication=Managed Identity");
        L("url", "Git", "Remote", Comment, "git@github.com:contoso/billing.git");
        L("url", "Registry", "Source", NuGet, "https://pkgs.contoso.io/nuget/v3/index.json");
        L("url", "Swagger", "Url", Arg, "https://localhost:5001/swagger/v1/swagger.json?version=1");
        L("url", "Kafka", "BootstrapServers", Dict, "pkc-41wq6.eu-west-2.aws.confluent.cloud:9092");
        L("url", "Redis", "Host", EnvWeb, "cache.contoso.internal:6380");
        LF("url", "Feeds", NuGet, "nuget.config",
            NuGetFile("  <packageSourceMapping>\n    <packageSource key=\"nuget.org\">\n      <package pattern=\"XMLVALUE\" />\n    </packageSource>\n  </packageSourceMapping>\n"), "*");

        // ================================================================ look-alikes: test fixtures, versions, ids of requests and commits
        L("fixture", "Tests", "FakeToken", Local, "fake-token-for-unit-tests");
        L("fixture", "Tests", "DummyPassword", Obj, "P@ssw0rd!");
        L("fixture", "Tests", "ExpiredJwtHeader", Verbatim, "eyJhbGciOiJIUzI1NiJ9");
        L("fixture", "Tests", "InvalidApiKey", Arg, "not-a-real-key");
        L("code", "Build", "CommitSha", EnvWeb, t.Hex(40));
        L("code", "Build", "Version", Json, "3.12.0-preview.4.25258.110");
        L("code", "Http", "ETag", Interp, "W/\"" + t.Hex(32) + "\"");
        L("code", "Http", "RequestId", Const, "req_" + t.AlphaNum(14));
        L("code", "Telemetry", "CorrelationId", Static, t.Uuid());
        L("code", "Telemetry", "TraceParent", Comment, $"00-{t.Hex(32)}-{t.Hex(16)}-01");
        L("code", "Docker", "ImageDigest", Raw, "mcr.microsoft.com/dotnet/aspnet@sha256:" + t.Hex(64));
        L("code", "Assembly", "PublicKeyToken", Dict, "b77a5c561934e089");
        L("code", "Git", "ShortSha", Local, t.Hex(12));
        L("code", "Mime", "Boundary", Verbatim, "----WebKitFormBoundary" + t.AlphaNum(16));
        L("code", "Csp", "Nonce", Arg, t.Base64(16));
        L("code", "Ui", "ColorPalette", Obj, "#1E88E5,#43A047,#FB8C00,#E53935,#8E24AA");
        L("code", "Cache", "Key", Interp, "orders:v2:customer:" + t.From(Digits, 7));
        L("code", "Sql", "Query", Raw, "SELECT id, name FROM customers WHERE tenant_id = @tenantId AND deleted = 0");
        L("code", "Swagger", "SecuritySchemeName", Const, "ApiKey");
        L("code", "Auth", "TokenEndpoint", Static, "/connect/token");
        L("code", "Aws", "Region", EnvWeb, "eu-central-1");
        L("code", "Log", "Message", Comment, "Token validation failed for client {ClientId}: {Reason}");
        L("code", "Ci", "BuildNumber", Dict, "20251205.14");
        L("code", "Feature", "FlagKey", NuGet, "enable-new-checkout");
        L("code", "Cron", "Schedule", Json, "0 */15 * * * *");
        L("code", "Culture", "Name", EnvWeb, "en-GB");

        return cases;
    }

    /// <summary>A Stellar secret seed (SEP-23): version byte 18 &lt;&lt; 3, a 32-byte seed, CRC-16 (XMODEM) little-endian, unpadded base32 (56 characters, S...).</summary>
    private static string StellarSeed(TokenMaker t) => HeldOutBatch5.Crc16Base32([18 << 3, .. t.Bytes(32)]);

    /// <summary>A Stellar account id (SEP-23 public key, G...): public, not a secret.</summary>
    private static string StellarAccount(TokenMaker t) => HeldOutBatch5.Crc16Base32([6 << 3, .. t.Bytes(32)]);

    /// <summary>An RSA private key in .NET's XML form (RSA.ToXmlString(true)): the public modulus and exponent and the private parts, random bytes of the right sizes.</summary>
    private static string RsaXml(TokenMaker t) =>
        $"<RSAKeyValue><Modulus>{t.Base64(256)}</Modulus><Exponent>AQAB</Exponent><P>{t.Base64(128)}</P><Q>{t.Base64(128)}</Q>"
        + $"<DP>{t.Base64(128)}</DP><DQ>{t.Base64(128)}</DQ><InverseQ>{t.Base64(128)}</InverseQ><D>{t.Base64(256)}</D></RSAKeyValue>";
}
