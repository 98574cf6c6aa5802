namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets.Corpus;

/// <summary>
/// Held-out batch 2, written after the rules were tuned on batch 1 and measured before any change made for it:
/// mostly providers and shapes batch 1 does not have (legacy webhook hosts, .NET-specific key material, SASL and
/// LDAP credentials, provider words only in configuration sections), placed in contexts shifted from batch 1's.
/// </summary>
public static class HeldOutBatch2
{
    public static IReadOnlyList<CorpusCase> Cases()
    {
        var t = new TokenMaker(2402);
        var secrets = new List<CorpusCase>();
        void S(string group, string provider, string section, string key, string value) =>
            secrets.Add(new CorpusCase(group, provider, section, key, value, true, default));

        S("cloud", "Azure Cosmos DB", "ConnectionStrings", "Cosmos", $"AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey={t.Base64(64)};");
        S("cloud", "Azure Event Hubs", "EventHubs", "ConnectionString", $"Endpoint=sb://contoso-hub.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={t.Base64(32)};EntityPath=orders");
        S("cloud", "Azure SignalR", "Azure", "SignalR", $"Endpoint=https://contoso.service.signalr.net;AccessKey={t.Base64(32)};Version=1.0;");
        S("cloud", "Google OAuth", "GoogleOAuth", "RefreshToken", "1//0" + t.Url(60));
        S("cloud", "Google Cloud", "ServiceAccount", "private_key", t.Pem("PRIVATE KEY", 8));
        S("cloud", "Confluent", "Confluent", "ApiSecret", t.From(TokenMaker.Alnum + "+/", 64));
        S("cloud", "Elastic", "Elastic", "ApiKey", t.Base64(45));
        S("cloud", "Databricks", "Databricks", "Token", "dapi" + t.Hex(32));
        S("cloud", "Snowflake", "Snowflake", "Password", t.AlphaNum(12) + "#" + t.AlphaNum(6));
        S("cloud", "Pulumi", "Pulumi", "AccessToken", "pul-" + t.Hex(40));
        S("cloud", "Fly.io", "Fly", "ApiToken", "fo1_" + t.Url(43));
        S("cloud", "Terraform Cloud", "Terraform", "Token", t.AlphaNum(14) + ".atlasv1." + t.Url(67));

        S("ai", "Anthropic", "Claude", "AdminKey", "sk-ant-admin01-" + t.Url(93) + "AA");
        S("ai", "Azure OpenAI", "AzureOpenAI", "Key", t.Hex(32));
        S("ai", "xAI", "Grok", "ApiKey", "xai-" + t.AlphaNum(80));
        S("ai", "OpenRouter", "OpenRouter", "ApiKey", "sk-or-v1-" + t.Hex(64));
        S("ai", "LangSmith", "LangChain", "ApiKey", "lsv2_pt_" + t.Hex(32) + "_" + t.Hex(10));
        S("ai", "Hugging Face", "HfOrg", "Token", "api_org_" + t.From(TokenMaker.Upper + TokenMaker.Lower, 34));

        S("payments", "Square", "Square", "OAuthSecret", "sq0csp-" + t.Url(43));
        S("payments", "Shopify", "Shopify", "SharedSecret", "shpss_" + t.Hex(32));
        S("payments", "Lob", "Lob", "ApiKey", "live_" + t.Hex(35));
        S("payments", "EasyPost", "EasyPost", "ApiKey", "EZAK" + t.AlphaNum(54));
        S("payments", "Duffel", "Duffel", "Token", "duffel_live_" + t.Url(43));
        S("payments", "Paddle", "Paddle", "ApiKey", "pdl_live_apikey_" + t.From(TokenMaker.Lower + TokenMaker.Digits, 26) + "_" + t.AlphaNum(22) + "_" + t.AlphaNum(3));
        S("payments", "Binance", "Binance", "SecretKey", t.AlphaNum(64));

        S("messaging", "Microsoft Teams", "Teams", "LegacyWebhook", $"https://outlook.office.com/webhook/{t.Uuid()}@{t.Uuid()}/IncomingWebhook/{t.Hex(32)}/{t.Uuid()}");
        S("messaging", "Google Chat", "GoogleChat", "Webhook", $"https://chat.googleapis.com/v1/spaces/{t.Url(11)}/messages?key=AIza{t.Url(35)}&token={t.Url(43)}%3D");
        S("messaging", "Slack", "Slack", "AppToken", $"xapp-1-A{t.From(TokenMaker.Upper + TokenMaker.Digits, 10)}-{t.From(TokenMaker.Digits, 13)}-{t.Hex(64)}");
        S("messaging", "Slack", "Slack", "UserToken", $"xoxp-{t.From(TokenMaker.Digits, 12)}-{t.From(TokenMaker.Digits, 12)}-{t.From(TokenMaker.Digits, 13)}-{t.Hex(32)}");
        S("messaging", "MailerSend", "MailerSend", "ApiToken", "mlsn." + t.Hex(64));
        S("messaging", "Mailjet", "Mailjet", "SecretKey", t.Hex(32));
        S("messaging", "Infobip", "Infobip", "ApiKey", t.Hex(32) + "-" + t.Uuid());
        S("messaging", "Sinch", "Sinch", "ApiToken", t.Hex(32));

        S("vcs", "GitHub", "GitHubApp", "InstallationToken", t.Checksummed("ghs_"));
        S("vcs", "GitHub", "GitHubOAuth", "AccessToken", t.Checksummed("gho_"));
        S("vcs", "GitLab", "GitLab", "DeployToken", "gldt-" + t.Url(20));
        S("vcs", "GitLab", "GitLabRunner", "Token", "glrt-" + t.Url(20));
        S("vcs", "Atlassian", "Jira", "ApiToken", "ATATT3" + t.Url(186));
        S("vcs", "SonarQube", "SonarProject", "Token", "sqp_" + t.Hex(40));
        S("vcs", "Codacy", "Codacy", "ProjectToken", t.Hex(32));
        S("vcs", "Coveralls", "Coveralls", "RepoToken", t.AlphaNum(32));
        S("vcs", "Azure DevOps", "Git", "RemoteUrl", $"https://build:{t.From("abcdefghijklmnopqrstuvwxyz234567", 52)}@dev.azure.com/contoso/app/_git/app");
        S("vcs", "npm", "Npmrc", "AuthLine", $"//registry.npmjs.org/:_authToken={t.Uuid()}");

        S("keys", "DSA private key", "Legacy", "DsaKey", t.Pem("DSA PRIVATE KEY", 8));
        S("keys", "Encrypted private key", "Tls", "EncryptedKey", t.Pem("ENCRYPTED PRIVATE KEY", 10));
        S("keys", "HashiCorp Vault", "Vault", "BatchToken", "hvb." + t.Url(140));
        S("keys", "1Password", "OnePassword", "ServiceAccountToken", "ops_eyJ" + t.From(TokenMaker.Alnum + "+/", 300));
        S("keys", "Okta", "Okta", "Authorization", "SSWS 00" + t.Url(40));
        S("keys", "Sentry", "Sentry", "UserToken", "sntryu_" + t.Hex(64));
        S("keys", "Datadog", "Datadog", "AppKey", t.Hex(40));
        S("keys", "New Relic", "NewRelic", "InsertKey", "NRII-" + t.Url(32));
        S("keys", "Grafana", "GrafanaCloud", "Token", "glc_" + t.Base64(60).TrimEnd('='));

        S("saas", "Cloudinary", "Cloudinary", "ApiSecret", t.Url(27));
        S("saas", "Notion", "Notion", "IntegrationSecret", "secret_" + t.AlphaNum(43));
        S("saas", "Airtable", "Airtable", "ApiKey", "key" + t.AlphaNum(14));
        S("saas", "ClickUp", "ClickUp", "Token", "pk_" + t.From(TokenMaker.Digits, 8) + "_" + t.From(TokenMaker.Upper + TokenMaker.Digits, 32));
        S("saas", "Zoom", "Zoom", "ClientSecret", t.AlphaNum(32));
        S("saas", "Typeform", "Typeform", "Token", "tfp_" + t.Url(59));
        S("saas", "Shippo", "Shippo", "ApiToken", "shippo_live_" + t.Hex(40));
        S("saas", "Segment", "Segment", "WriteKeySecret", "sgp_" + t.AlphaNum(64));

        S("generic", "Redis", "Redis", "Url", $"rediss://:{t.AlphaNum(24)}@cache.contoso.net:6380/0");
        S("generic", "Kafka SASL", "Kafka", "SaslJaasConfig", $"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"orders\" password=\"{t.AlphaNum(16)}\";");
        S("generic", "LDAP", "Ldap", "BindPassword", t.AlphaNum(10) + "@" + t.AlphaNum(5));
        S("generic", "SFTP", "Sftp", "Url", $"sftp://deploy:{t.AlphaNum(15)}@files.contoso.com:22/upload");
        S("generic", "OAuth form body", "OAuth", "TokenRequest", $"grant_type=client_credentials&client_id=reports&client_secret={t.Url(40)}");
        S("generic", "MySQL", "ConnectionStrings", "MySql", $"Server=mysql.internal;Database=shop;Uid=shop;Pwd={t.AlphaNum(14)};");
        S("generic", "Oracle", "ConnectionStrings", "Oracle", $"Data Source=ora01:1521/ORCL;User Id=app;Password={t.AlphaNum(13)};");
        S("generic", "JWT key", "Jwt", "Key", t.Base64(48));

        void Code(string provider, string context, string member, string value) =>
            secrets.Add(new CorpusCase("csharp", provider, "Code", provider.Replace(" ", string.Empty, StringComparison.Ordinal), value, true,
                context == "object" ? SecretContext.ObjectInitializer : SecretContext.Argument, member));
        Code("RSA XML private key", "argument", "    void M(System.Security.Cryptography.RSA rsa) => rsa.FromXmlString(VALUE);",
            $"<RSAKeyValue><Modulus>{t.Base64(256)}</Modulus><Exponent>AQAB</Exponent><P>{t.Base64(128)}</P><Q>{t.Base64(128)}</Q><DP>{t.Base64(128)}</DP><DQ>{t.Base64(128)}</DQ><InverseQ>{t.Base64(128)}</InverseQ><D>{t.Base64(256)}</D></RSAKeyValue>");
        Code("AuthenticationHeaderValue Basic", "argument", "    object M() => new System.Net.Http.Headers.AuthenticationHeaderValue(\"Basic\", VALUE);", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("api:" + t.AlphaNum(20))));
        Code("UsernamePasswordCredential", "argument", "    sealed class UsernamePasswordCredential { public UsernamePasswordCredential(string user, string password, string tenant, string client) { } }\n    object M() => new UsernamePasswordCredential(\"svc@contoso.com\", VALUE, \"contoso\", \"app\");", t.AlphaNum(11) + "!");
        Code("WithClientSecret", "argument", "    sealed class Builder { public Builder WithClientSecret(string secret) => this; }\n    object M(Builder b) => b.WithClientSecret(VALUE);", t.AlphaNum(3) + "7Q~" + t.Url(34));
        Code("X509 pfx password", "argument", "    object M(byte[] pfx) => new System.Security.Cryptography.X509Certificates.X509Certificate2(pfx, VALUE);", t.AlphaNum(12));
        Code("SqlConnection", "argument", "    object M() => new System.Data.Common.DbConnectionStringBuilder { ConnectionString = VALUE };", $"Server=sql02;Database=Hr;User ID=hr;Password={t.AlphaNum(12)};");
        Code("HttpClient x-api-key", "argument", "    void M(System.Net.Http.HttpClient c) => c.DefaultRequestHeaders.Add(\"x-api-key\", VALUE);", t.Hex(40));
        Code("Machine key", "object", "    sealed class MachineKeySection { public string? ValidationKey { get; set; } }\n    object M() => new MachineKeySection { ValidationKey = VALUE };", t.Hex(128).ToUpperInvariant());

        var lookAlikes = new List<CorpusCase>();
        void L(string kind, string section, string key, string value) =>
            lookAlikes.Add(new CorpusCase(kind, kind, section, key, value, false, default));

        L("placeholder", "Db", "Password", "${DB_PASSWORD:-}");
        L("placeholder", "Api", "Token", "{0}");
        L("placeholder", "Google", "PrivateKeyId", "your-private-key-id");
        L("placeholder", "Jwt", "SigningKey", "REPLACE_WITH_A_LONG_RANDOM_SECRET");
        L("placeholder", "OAuth", "AccessToken", "<ACCESS_TOKEN>");
        L("placeholder", "Stripe", "Key", "sk_live_0000000000000000000000000");
        L("placeholder", "Windows", "ProductKey", "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX");
        L("placeholder", "Smtp", "Password", "");
        L("placeholder", "Twilio", "AuthToken", "your_auth_token");
        L("placeholder", "Secret", "Reference", "@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/db-password/)");

        L("documented", "GitHub", "Token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a");
        L("documented", "Http", "BasicExample", "Basic dXNlcjpwYXNzd29yZA==");
        L("documented", "Slack", "Token", "xoxb-1234-5678-abcdef");
        L("documented", "AzureAd", "Instance", "https://login.microsoftonline.com/");
        L("documented", "IdentityServer", "ClientSecret", "secret");

        L("id", "AzureAd", "ClientId", t.Uuid());
        L("id", "AzureAd", "Domain", "contoso.onmicrosoft.com");
        L("id", "AzureAd", "CallbackPath", "/signin-oidc");
        L("id", "Jwt", "ValidIssuer", "https://auth.contoso.com/");
        L("id", "DataProtection", "ApplicationName", "contoso-web");
        L("id", "Build", "SourceRevisionId", t.Hex(40));
        L("id", "Twilio", "MessagingServiceSid", "MG" + t.Hex(32));
        L("id", "Pinecone", "IndexHost", $"orders-{t.Hex(7)}.svc.aped-4627-b74a.pinecone.io");
        L("id", "Datadog", "Site", "datadoghq.eu");
        L("id", "Heroku", "AppId", t.Uuid());

        L("data", "Logging", "OutputTemplate", "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}");
        L("data", "Git", "LfsOid", "sha256:" + t.Hex(64));
        L("data", "Theme", "Primary", "#1f6feb");
        L("data", "Webpack", "ChunkHash", t.Hex(20));
        L("data", "Tls", "CertificateChain", t.Pem("CERTIFICATE", 4));
        L("data", "Rsa", "PublicKeyXml", $"<RSAKeyValue><Modulus>{t.Base64(256)}</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>");
        L("data", "Build", "Version", "10.0.100-rc.2.25502.107");

        L("code", "ConnectionStrings", "LocalDb", "Server=(localdb)\\mssqllocaldb;Database=App;Trusted_Connection=True;MultipleActiveResultSets=true");
        L("code", "Redis", "Configuration", "localhost:6379,abortConnect=false");
        L("code", "Mongo", "Url", "mongodb://localhost:27017/app");
        L("code", "Rabbit", "Host", "amqp://localhost");
        L("code", "Http", "AuthTemplate", "Bearer {token}");
        L("code", "AllowedHosts", "Value", "*");
        L("code", "Password", "ResetPath", "/account/reset-password");

        return [.. HeldOutCorpus.Spread(secrets, 6), .. HeldOutCorpus.Spread(lookAlikes, 2)];
    }
}
