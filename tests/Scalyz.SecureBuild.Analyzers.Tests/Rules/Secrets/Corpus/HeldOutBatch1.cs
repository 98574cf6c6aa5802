namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets.Corpus;

/// <summary>
/// Held-out batch 1, written before any rule change from providers' public token documentation and the published
/// rule descriptions of gitleaks, TruffleHog, detect-secrets and GitHub secret scanning (formats described in our own
/// words, values generated at run time). Measured on the untuned rules first (see the rule pages for the figures).
/// </summary>
public static class HeldOutBatch1
{
    public static IReadOnlyList<CorpusCase> Cases()
    {
        var t = new TokenMaker(1201);
        var secrets = new List<CorpusCase>();
        void S(string group, string provider, string section, string key, string value) =>
            secrets.Add(new CorpusCase(group, provider, section, key, value, true, default));

        // Cloud
        S("cloud", "AWS", "Aws", "AccessKeyId", "AKIA" + t.From("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
        S("cloud", "AWS", "Aws", "SecretAccessKey", t.From(TokenMaker.Alnum + "/+", 40));
        S("cloud", "AWS", "AwsS3", "SecretKey", t.From(TokenMaker.Alnum + "/+", 40));
        S("cloud", "Google Cloud", "Google", "ApiKey", "AIza" + t.Url(35));
        S("cloud", "Google Cloud", "GoogleAuth", "ClientSecret", "GOCSPX-" + t.Url(28));
        S("cloud", "Azure Storage", "AzureStorage", "AccountKey", t.Base64(64));
        S("cloud", "Microsoft Entra ID", "AzureAd", "ClientSecret", t.AlphaNum(3) + t.From(TokenMaker.Digits, 1) + "Q~" + t.From(TokenMaker.UrlSafe + "~.", 34));
        S("cloud", "Alibaba Cloud", "Alibaba", "AccessKeyId", "LTAI" + t.AlphaNum(20));
        S("cloud", "Alibaba Cloud", "Alibaba", "AccessKeySecret", t.AlphaNum(30));
        S("cloud", "DigitalOcean", "DigitalOcean", "Token", "dop_v1_" + t.Hex(64));
        S("cloud", "Heroku", "Heroku", "ApiKey", t.Uuid());
        S("cloud", "Cloudflare", "Cloudflare", "ApiToken", t.Url(40));
        S("cloud", "Cloudflare", "Cloudflare", "GlobalApiKey", t.Hex(37));
        S("cloud", "IBM Cloud", "IbmCloud", "ApiKey", t.Url(44));
        S("cloud", "Linode", "Linode", "Token", t.Hex(64));
        S("cloud", "Scaleway", "Scaleway", "SecretKey", t.Uuid());
        S("cloud", "Tencent Cloud", "Tencent", "SecretId", "AKID" + t.AlphaNum(32));
        S("cloud", "Hetzner", "Hetzner", "ApiToken", t.AlphaNum(64));

        // AI/ML
        S("ai", "OpenAI", "OpenAI", "ApiKey", "sk-proj-" + t.Url(58) + "T3BlbkFJ" + t.Url(58));
        S("ai", "OpenAI", "OpenAi", "Key", "sk-" + t.AlphaNum(20) + "T3BlbkFJ" + t.AlphaNum(20));
        S("ai", "Anthropic", "Anthropic", "ApiKey", "sk-ant-api03-" + t.Url(93) + "AA");
        S("ai", "Hugging Face", "HuggingFace", "Token", "hf_" + t.From(TokenMaker.Upper + TokenMaker.Lower, 34));
        S("ai", "Cohere", "Cohere", "ApiKey", t.AlphaNum(40));
        S("ai", "Mistral", "Mistral", "ApiKey", t.AlphaNum(32));
        S("ai", "Groq", "Groq", "ApiKey", "gsk_" + t.AlphaNum(52));
        S("ai", "Replicate", "Replicate", "ApiToken", "r8_" + t.AlphaNum(37));
        S("ai", "DeepSeek", "DeepSeek", "ApiKey", "sk-" + t.Hex(32));
        S("ai", "Pinecone", "Pinecone", "ApiKey", t.Uuid());
        S("ai", "AssemblyAI", "AssemblyAi", "ApiKey", t.Hex(32));
        S("ai", "Stability AI", "StabilityAi", "ApiKey", "sk-" + t.AlphaNum(48));
        S("ai", "Perplexity", "Perplexity", "ApiKey", "pplx-" + t.AlphaNum(48));
        S("ai", "ElevenLabs", "ElevenLabs", "ApiKey", t.Hex(32));

        // Payments
        S("payments", "Stripe", "Stripe", "SecretKey", "sk_live_51" + t.AlphaNum(97));
        S("payments", "Stripe", "Stripe", "WebhookSecret", "whsec_" + t.AlphaNum(32));
        S("payments", "Stripe", "Stripe", "RestrictedKey", "rk_live_" + t.AlphaNum(24));
        S("payments", "Square", "Square", "AccessToken", "EAAA" + t.Url(60));
        S("payments", "PayPal", "PayPal", "ClientSecret", "E" + t.Url(79));
        S("payments", "Braintree", "Braintree", "AccessToken", "access_token$production$" + t.From(TokenMaker.Lower + TokenMaker.Digits, 16) + "$" + t.Hex(32));
        S("payments", "Braintree", "Braintree", "PrivateKey", t.Hex(32));
        S("payments", "Razorpay", "Razorpay", "KeySecret", t.AlphaNum(24));
        S("payments", "Adyen", "Adyen", "ApiKey", "AQE" + t.AlphaNum(3) + t.From(TokenMaker.Alnum + "+/=", 150));
        S("payments", "Paystack", "Paystack", "SecretKey", "sk_live_" + t.Hex(40));
        S("payments", "Flutterwave", "Flutterwave", "SecretKey", "FLWSECK-" + t.Hex(32) + "-X");
        S("payments", "Mollie", "Mollie", "ApiKey", "live_" + t.AlphaNum(30));
        S("payments", "Plaid", "Plaid", "Secret", t.Hex(30));
        S("payments", "Checkout.com", "Checkout", "SecretKey", "sk_" + t.Uuid());
        S("payments", "Authorize.Net", "AuthorizeNet", "TransactionKey", t.AlphaNum(16));
        S("payments", "Shopify", "Shopify", "AccessToken", "shpat_" + t.Hex(32));

        // Messaging and email
        S("messaging", "Slack", "Slack", "BotToken", $"xoxb-{t.From(TokenMaker.Digits, 12)}-{t.From(TokenMaker.Digits, 13)}-{t.AlphaNum(24)}");
        S("messaging", "Slack", "Slack", "WebhookUrl", $"https://hooks.slack.com/services/T{t.From(TokenMaker.Upper + TokenMaker.Digits, 10)}/B{t.From(TokenMaker.Upper + TokenMaker.Digits, 10)}/{t.AlphaNum(24)}");
        S("messaging", "Discord", "Discord", "WebhookUrl", $"https://discord.com/api/webhooks/{t.From(TokenMaker.Digits, 19)}/{t.Url(68)}");
        S("messaging", "Discord", "Discord", "BotToken", "M" + t.Url(25) + "." + t.Url(6) + "." + t.Url(38));
        S("messaging", "Telegram", "Telegram", "BotToken", t.From(TokenMaker.Digits, 10) + ":AA" + t.Url(33));
        S("messaging", "Twilio", "Twilio", "AuthToken", t.Hex(32));
        S("messaging", "Twilio", "Twilio", "ApiKeySecret", t.AlphaNum(32));
        S("messaging", "SendGrid", "SendGrid", "ApiKey", "SG." + t.Url(22) + "." + t.Url(43));
        S("messaging", "Mailgun", "Mailgun", "ApiKey", "key-" + t.Hex(32));
        S("messaging", "Mailgun", "Mailgun", "PrivateApiKey", t.Hex(32) + "-" + t.Hex(8) + "-" + t.Hex(8));
        S("messaging", "Mailchimp", "Mailchimp", "ApiKey", t.Hex(32) + "-us" + t.Next(1, 21));
        S("messaging", "Postmark", "Postmark", "ServerToken", t.Uuid());
        S("messaging", "Brevo", "Brevo", "ApiKey", "xkeysib-" + t.Hex(64) + "-" + t.AlphaNum(16));
        S("messaging", "Microsoft Teams", "Teams", "WebhookUrl", $"https://contoso.webhook.office.com/webhookb2/{t.Uuid()}@{t.Uuid()}/IncomingWebhook/{t.Hex(32)}/{t.Uuid()}");
        S("messaging", "MessageBird", "MessageBird", "AccessKey", t.AlphaNum(25));
        S("messaging", "Plivo", "Plivo", "AuthToken", t.AlphaNum(40));
        S("messaging", "Telnyx", "Telnyx", "ApiKey", "KEY" + t.From(TokenMaker.Upper + TokenMaker.Digits, 32) + "_" + t.AlphaNum(22));
        S("messaging", "SparkPost", "SparkPost", "ApiKey", t.Hex(40));
        S("messaging", "Mandrill", "Mandrill", "ApiKey", "md-" + t.Url(22));
        S("messaging", "Mattermost", "Mattermost", "WebhookUrl", $"https://chat.contoso.io/hooks/{t.From(TokenMaker.Lower + TokenMaker.Digits, 26)}");
        S("messaging", "Vonage", "Vonage", "ApiSecret", t.AlphaNum(16));
        S("messaging", "Pusher", "Pusher", "Secret", t.Hex(20));
        S("messaging", "Resend", "Resend", "ApiKey", "re_" + t.AlphaNum(8) + "_" + t.AlphaNum(24));

        // VCS, CI and registries
        S("vcs", "GitHub", "GitHub", "Token", t.Checksummed("ghp_"));
        S("vcs", "GitHub", "GitHub", "FineGrainedToken", "github_pat_" + t.AlphaNum(22) + "_" + t.AlphaNum(59));
        S("vcs", "GitLab", "GitLab", "Token", "glpat-" + t.Url(20));
        S("vcs", "Bitbucket", "Bitbucket", "AppPassword", "ATBB" + t.AlphaNum(32));
        S("vcs", "Azure DevOps", "AzureDevOps", "Pat", t.From("abcdefghijklmnopqrstuvwxyz234567", 52));
        S("vcs", "Azure DevOps", "AzureDevOps", "PersonalAccessToken", t.AlphaNum(52) + "JQQJ99" + t.AlphaNum(1) + "A" + t.AlphaNum(16) + "AZDO" + t.AlphaNum(4));
        S("vcs", "npm", "Npm", "Token", t.Checksummed("npm_"));
        S("vcs", "NuGet", "NuGet", "ApiKey", "oy2" + t.From(TokenMaker.Lower + TokenMaker.Digits, 43));
        S("vcs", "Docker Hub", "DockerHub", "Token", "dckr_pat_" + t.Url(27));
        S("vcs", "CircleCI", "CircleCi", "Token", t.Hex(40));
        S("vcs", "Travis CI", "Travis", "Token", t.AlphaNum(22));
        S("vcs", "Jenkins", "Jenkins", "ApiToken", "11" + t.Hex(32));
        S("vcs", "JFrog", "Artifactory", "ApiKey", "AKCp" + t.AlphaNum(69));
        S("vcs", "SonarQube", "Sonar", "Token", "squ_" + t.Hex(40));
        S("vcs", "Codecov", "Codecov", "Token", t.Uuid());
        S("vcs", "Vercel", "Vercel", "Token", t.AlphaNum(24));
        S("vcs", "Netlify", "Netlify", "AuthToken", "nfp_" + t.AlphaNum(36));
        S("vcs", "Gitea", "Gitea", "Token", t.Hex(40));
        S("vcs", "Buildkite", "Buildkite", "ApiToken", "bkua_" + t.Hex(40));
        S("vcs", "RubyGems", "RubyGems", "ApiKey", "rubygems_" + t.Hex(48));
        S("vcs", "PyPI", "PyPi", "Token", "pypi-AgEIcHlwaS5vcmc" + t.Url(70));

        // Private keys and tokens
        S("keys", "RSA private key", "Signing", "PrivateKeyPem", t.Pem("RSA PRIVATE KEY", 12));
        S("keys", "OpenSSH private key", "Deploy", "SshKey", t.Pem("OPENSSH PRIVATE KEY", 8));
        S("keys", "EC private key", "Ec", "PrivateKey", t.Pem("EC PRIVATE KEY", 3));
        S("keys", "PKCS#8 private key", "Tls", "Key", t.Pem("PRIVATE KEY", 10));
        S("keys", "PGP private key", "Pgp", "SecretKey", t.Pem("PGP PRIVATE KEY BLOCK", 10, "Version: GnuPG v2\n\n"));
        S("keys", "JWT", "Api", "AccessToken", t.Jwt("{\"sub\":\"svc-billing\",\"iat\":1735689600,\"exp\":1893456000,\"scope\":\"billing.write\"}"));
        S("keys", "HashiCorp Vault", "Vault", "Token", "hvs." + t.Url(95));
        S("keys", "Doppler", "Doppler", "Token", "dp.st." + t.AlphaNum(43));
        S("keys", "age", "Age", "Identity", "AGE-SECRET-KEY-1" + t.From("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58));
        S("keys", "Okta", "Okta", "ApiToken", "00" + t.Url(40));
        S("keys", "Auth0", "Auth0", "ClientSecret", t.Url(64));
        S("keys", "Sentry", "Sentry", "AuthToken", "sntrys_" + TokenMaker.B64Url("{\"iat\":1735689600.1,\"url\":\"https://sentry.io\",\"org\":\"contoso\"}") + "_" + t.Url(43));
        S("keys", "Datadog", "Datadog", "ApiKey", t.Hex(32));
        S("keys", "New Relic", "NewRelic", "ApiKey", "NRAK-" + t.From(TokenMaker.Upper + TokenMaker.Digits, 27));
        S("keys", "Grafana", "Grafana", "Token", "glsa_" + t.AlphaNum(32) + "_" + t.Hex(8));
        S("keys", "Dynatrace", "Dynatrace", "ApiToken", "dt0c01." + t.From(TokenMaker.Upper + TokenMaker.Digits, 24) + "." + t.From(TokenMaker.Upper + TokenMaker.Digits, 64));
        S("keys", "Keycloak", "Keycloak", "ClientSecret", t.AlphaNum(32));

        // Other SaaS
        S("saas", "Airtable", "Airtable", "Token", "pat" + t.AlphaNum(14) + "." + t.Hex(64));
        S("saas", "Notion", "Notion", "Token", "ntn_" + t.From(TokenMaker.Digits, 11) + t.AlphaNum(35));
        S("saas", "Linear", "Linear", "ApiKey", "lin_api_" + t.AlphaNum(40));
        S("saas", "Figma", "Figma", "Token", "figd_" + t.Url(40));
        S("saas", "Asana", "Asana", "Token", $"2/{t.From(TokenMaker.Digits, 16)}/{t.From(TokenMaker.Digits, 16)}:{t.Hex(32)}");
        S("saas", "Trello", "Trello", "Token", t.Hex(64));
        S("saas", "Algolia", "Algolia", "AdminKey", t.Hex(32));
        S("saas", "HubSpot", "HubSpot", "AccessToken", "pat-na1-" + t.Uuid());
        S("saas", "Zendesk", "Zendesk", "ApiToken", t.AlphaNum(40));
        S("saas", "Mapbox", "Mapbox", "SecretToken", "sk.eyJ1Ijoi" + t.Url(60) + "." + t.Url(22));
        S("saas", "Dropbox", "Dropbox", "AccessToken", "sl." + t.Url(138));
        S("saas", "Contentful", "Contentful", "ManagementToken", "CFPAT-" + t.Url(43));
        S("saas", "Postman", "Postman", "ApiKey", "PMAK-" + t.Hex(24) + "-" + t.Hex(34));
        S("saas", "Mixpanel", "Mixpanel", "ApiSecret", t.Hex(32));
        S("saas", "Amplitude", "Amplitude", "SecretKey", t.Hex(32));
        S("saas", "LaunchDarkly", "LaunchDarkly", "SdkKey", "sdk-" + t.Uuid());
        S("saas", "Freshdesk", "Freshdesk", "ApiKey", t.AlphaNum(20));
        S("saas", "Salesforce", "Salesforce", "AccessToken", "00D" + t.AlphaNum(12) + "!" + t.From(TokenMaker.Alnum + "._", 96));
        S("saas", "Twitch", "Twitch", "ClientSecret", t.From(TokenMaker.Lower + TokenMaker.Digits, 30));
        S("saas", "Spotify", "Spotify", "ClientSecret", t.Hex(32));
        S("saas", "Twitter", "Twitter", "BearerToken", "AAAAAAAAAAAAAAAAAAAAA" + t.AlphaNum(24) + "%3D" + t.AlphaNum(50));
        S("saas", "Supabase", "Supabase", "AccessToken", "sbp_" + t.Hex(40));
        S("saas", "Opsgenie", "Opsgenie", "ApiKey", t.Uuid());
        S("saas", "Honeycomb", "Honeycomb", "ApiKey", t.AlphaNum(22));
        S("saas", "Cloudinary", "Cloudinary", "Url", $"cloudinary://{t.From(TokenMaker.Digits, 15)}:{t.Url(27)}@contoso");
        S("saas", "Rollbar", "Rollbar", "AccessToken", t.Hex(32));
        S("saas", "Snyk", "Snyk", "Token", t.Uuid());
        S("saas", "Zapier", "Zapier", "WebhookUrl", $"https://hooks.zapier.com/hooks/catch/{t.From(TokenMaker.Digits, 7)}/{t.From(TokenMaker.Lower + TokenMaker.Digits, 7)}/");
        S("saas", "Firebase", "Firebase", "ServerKey", "AAAA" + t.Url(7) + ":APA91b" + t.Url(134));

        // Generic credentials
        S("generic", "SQL Server", "ConnectionStrings", "Default", $"Server=tcp:sql-prod.contoso.net,1433;Database=Orders;User Id=orders_app;Password={t.AlphaNum(10)}!{t.AlphaNum(4)};Encrypt=True;");
        S("generic", "PostgreSQL", "ConnectionStrings", "Postgres", $"Host=pg.internal;Port=5432;Database=app;Username=app;Password={t.AlphaNum(18)}");
        S("generic", "MongoDB", "Mongo", "ConnectionString", $"mongodb+srv://app:{t.AlphaNum(16)}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true");
        S("generic", "Redis", "Redis", "Configuration", $"cache.contoso.net:6380,password={t.Base64(32)},ssl=True,abortConnect=False");
        S("generic", "RabbitMQ", "RabbitMq", "Uri", $"amqp://orders:{t.AlphaNum(14)}@rabbit.internal:5672/prod");
        S("generic", "Azure Service Bus", "ServiceBus", "ConnectionString", $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={t.Base64(32)}");
        S("generic", "Basic auth", "Http", "Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("svc-deploy:" + t.AlphaNum(16))));
        S("generic", "Bearer token", "Http", "AuthHeader", "Bearer " + t.Url(40));
        S("generic", "OAuth client secret", "OAuth", "ClientSecret", t.Url(40));
        S("generic", "JWT signing secret", "Jwt", "Secret", t.AlphaNum(12) + "-" + t.AlphaNum(20));
        S("generic", "SMTP password", "Smtp", "Password", t.AlphaNum(6) + "#" + t.AlphaNum(5));
        S("generic", "FTP", "Ftp", "Url", $"ftp://uploader:{t.AlphaNum(12)}@ftp.contoso.com/incoming");
        S("generic", "API key", "Billing", "ApiKey", t.Hex(32));
        S("generic", "Encryption key", "Crypto", "EncryptionKey", t.Base64(32));

        // C# credential APIs (fixed shapes)
        void Code(string provider, string context, string member, string value) =>
            secrets.Add(new CorpusCase("csharp", provider, "Code", provider.Replace(" ", string.Empty, StringComparison.Ordinal), value, true,
                context == "object" ? SecretContext.ObjectInitializer : SecretContext.Argument, member));
        Code("NetworkCredential", "argument", "    object M() => new System.Net.NetworkCredential(\"svc-reports\", VALUE);", t.AlphaNum(9) + "!" + t.AlphaNum(3));
        Code("X509Certificate2", "argument", "    sealed class X509Certificate2 { public X509Certificate2(string path, string password) { } }\n    object M() => new X509Certificate2(\"signing.pfx\", VALUE);", t.AlphaNum(14));
        Code("ClientSecretCredential", "argument", "    sealed class ClientSecretCredential { public ClientSecretCredential(string tenantId, string clientId, string clientSecret) { } }\n    object M() => new ClientSecretCredential(\"contoso.onmicrosoft.com\", \"reports-app\", VALUE);", t.AlphaNum(3) + "8Q~" + t.Url(34));
        Code("BasicAWSCredentials", "argument", "    sealed class BasicAWSCredentials { public BasicAWSCredentials(string accessKey, string secretKey) { } }\n    object M() => new BasicAWSCredentials(\"AKIA\" + \"QX\", VALUE);", t.From(TokenMaker.Alnum + "/+", 40));
        Code("StorageSharedKeyCredential", "argument", "    sealed class StorageSharedKeyCredential { public StorageSharedKeyCredential(string accountName, string accountKey) { } }\n    object M() => new StorageSharedKeyCredential(\"contosoprod\", VALUE);", t.Base64(64));
        Code("AzureKeyCredential", "argument", "    sealed class AzureKeyCredential { public AzureKeyCredential(string key) { } }\n    object M() => new AzureKeyCredential(VALUE);", t.Hex(32));
        Code("SymmetricSecurityKey", "argument", "    sealed class SymmetricSecurityKey { public SymmetricSecurityKey(byte[] key) { } }\n    object M() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(VALUE));", t.AlphaNum(40));
        Code("SqlConnectionStringBuilder", "object", "    sealed class SqlConnectionStringBuilder { public string? DataSource { get; set; } public string? Password { get; set; } }\n    object M() => new SqlConnectionStringBuilder { DataSource = \"sql01\", Password = VALUE };", t.AlphaNum(8) + "$" + t.AlphaNum(4));
        Code("AuthenticationHeaderValue", "argument", "    object M() => new System.Net.Http.Headers.AuthenticationHeaderValue(\"Bearer\", VALUE);", t.Url(48));
        Code("ApiKeyCredential", "argument", "    sealed class ApiKeyCredential { public ApiKeyCredential(string key) { } }\n    object M() => new ApiKeyCredential(VALUE);", "sk-proj-" + t.Url(40) + "T3BlbkFJ" + t.Url(40));
        Code("UseNpgsql", "argument", "    void UseNpgsql(string connectionString) { }\n    void M() => UseNpgsql(VALUE);", $"Host=db;Database=shop;Username=shop;Password={t.AlphaNum(16)}");
        Code("MongoClient", "argument", "    sealed class MongoClient { public MongoClient(string url) { } }\n    object M() => new MongoClient(VALUE);", $"mongodb://admin:{t.AlphaNum(14)}@mongo-0.internal:27017");
        Code("CosmosClient", "argument", "    sealed class CosmosClient { public CosmosClient(string endpoint, string key) { } }\n    object M() => new CosmosClient(\"https://contoso.documents.azure.com:443/\", VALUE);", t.Base64(64));
        Code("TwilioClient.Init", "argument", "    static class TwilioClient { public static void Init(string sid, string token) { } }\n    void M() => TwilioClient.Init(\"AC\" + \"0f\", VALUE);", t.Hex(32));
        Code("SmtpClient", "object", "    sealed class SmtpClient { public System.Net.NetworkCredential? Credentials { get; set; } }\n    object M() => new SmtpClient { Credentials = new System.Net.NetworkCredential(\"mailer@contoso.com\", VALUE) };", t.AlphaNum(7) + "%" + t.AlphaNum(6));

        var lookAlikes = new List<CorpusCase>();
        void L(string kind, string section, string key, string value) =>
            lookAlikes.Add(new CorpusCase(kind, kind, section, key, value, false, default));

        // Placeholders and templates
        L("placeholder", "OpenAI", "ApiKey", "your-api-key-here");
        L("placeholder", "Stripe", "SecretKey", "<YOUR_STRIPE_SECRET_KEY>");
        L("placeholder", "Stripe", "ApiKey", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx");
        L("placeholder", "GitHub", "Token", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        L("placeholder", "Slack", "BotToken", "xoxb-your-bot-token");
        L("placeholder", "Twilio", "AuthToken", "${TWILIO_AUTH_TOKEN}");
        L("placeholder", "Api", "Key", "%API_KEY%");
        L("placeholder", "Npm", "Token", "{{ secrets.NPM_TOKEN }}");
        L("placeholder", "NuGet", "ApiKey", "$(NuGetApiKey)");
        L("placeholder", "Db", "Password", "#{DbPassword}#");
        L("placeholder", "Smtp", "Password", "REPLACE_ME");
        L("placeholder", "Admin", "Password", "changeme");
        L("placeholder", "Aws", "AccessKeyId", "AKIAXXXXXXXXXXXXXXXX");
        L("placeholder", "Redis", "Password", "********");
        L("placeholder", "Jwt", "Secret", "<insert-signing-secret>");
        L("placeholder", "SendGrid", "ApiKey", "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        L("placeholder", "OpenAI", "Key", "sk-...");
        L("placeholder", "Mailgun", "ApiKey", "key-00000000000000000000000000000000");
        L("placeholder", "Datadog", "ApiKey", "0123456789abcdef0123456789abcdef");
        L("placeholder", "Connection", "String", "Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;");

        // Documentation example values
        L("documented", "Aws", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE");
        L("documented", "Aws", "SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        L("documented", "Jwt", "Sample", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
        L("documented", "Stripe", "TestKey", "sk_test_4eC39HqLyjWDarjtT1zdp7dc");
        L("documented", "Azurite", "ConnectionString", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");
        L("documented", "CosmosEmulator", "Key", "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==");
        L("documented", "Storage", "ConnectionString", "UseDevelopmentStorage=true");
        L("documented", "Slack", "Token", "xoxb-not-a-real-token-this-will-not-work");
        L("documented", "RabbitMq", "Uri", "amqp://guest:guest@localhost:5672/");
        L("documented", "Postgres", "ConnectionString", "Host=localhost;Username=postgres;Password=postgres;Database=test");

        // Hashes, checksums and fingerprints
        L("hash", "Package", "Sha256", t.Hex(64));
        L("hash", "Build", "CommitSha", t.Hex(40));
        L("hash", "Npm", "Integrity", "sha512-" + t.Base64(64));
        L("hash", "NuGet", "ContentHash", t.Base64(64));
        L("hash", "Download", "Md5", t.Hex(32));
        L("hash", "Script", "Sri", "sha384-" + t.Base64(48));
        L("hash", "Assembly", "PublicKeyToken", "b03f5f7f11d50a3a");
        L("hash", "Certificate", "Thumbprint", t.Hex(40).ToUpperInvariant());
        L("hash", "Git", "Head", t.Hex(40));
        L("hash", "Docker", "ImageDigest", "sha256:" + t.Hex(64));
        L("hash", "Password", "Hash", "$2a$11$" + t.From(TokenMaker.Alnum + "./", 53));
        L("hash", "File", "Checksum", t.Hex(64));

        // GUIDs and ids that are not secrets
        L("id", "AzureAd", "TenantId", t.Uuid());
        L("id", "AzureAd", "ClientId", t.Uuid());
        L("id", "Azure", "SubscriptionId", t.Uuid());
        L("id", "Project", "Guid", t.Uuid().ToUpperInvariant());
        L("id", "ApplicationInsights", "InstrumentationKey", t.Uuid());
        L("id", "Request", "CorrelationId", t.Uuid());
        L("id", "Stripe", "PublishableKey", "pk_live_" + t.AlphaNum(24));
        L("id", "Twilio", "AccountSid", "AC" + t.Hex(32));
        L("id", "Aws", "AccountId", t.From(TokenMaker.Digits, 12));
        L("id", "Sentry", "Dsn", $"https://{t.Hex(32)}@o{t.From(TokenMaker.Digits, 6)}.ingest.sentry.io/{t.From(TokenMaker.Digits, 7)}");
        L("id", "Mapbox", "PublicToken", "pk.eyJ1Ijoi" + t.Url(50) + "." + t.Url(22));
        L("id", "Algolia", "ApplicationId", t.From(TokenMaker.Upper + TokenMaker.Digits, 10));
        L("id", "Google", "ClientId", $"{t.From(TokenMaker.Digits, 12)}-{t.From(TokenMaker.Lower + TokenMaker.Digits, 32)}.apps.googleusercontent.com");
        L("id", "Telemetry", "TraceId", t.Hex(32));
        L("id", "Workspace", "Id", t.Uuid());
        L("id", "Aws", "RoleArn", "arn:aws:iam::123456789012:role/deploy");

        // Base64 and other data that is not a secret
        L("data", "Logo", "Png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        L("data", "Signing", "PublicKey", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + t.Base64(48) + "\n-----END PUBLIC KEY-----");
        L("data", "Tls", "Certificate", t.Pem("CERTIFICATE", 6));
        L("data", "NuGet", "EncryptedPassword", "AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA" + t.Base64(96));
        L("data", "Schema", "Descriptor", t.Base64(120));
        L("data", "Font", "Data", "d09GMgABAAAAA" + t.Base64(90));
        L("data", "Release", "Version", "8.0.11-preview.3.24171.9");
        L("data", "Cache", "ETag", "0x8DB" + t.Hex(12).ToUpperInvariant());
        L("data", "Css", "ClassHash", "css-" + t.From(TokenMaker.Lower + TokenMaker.Digits, 7));
        L("data", "Ssh", "PublicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + t.Base64(30).TrimEnd('=') + " deploy@ci");

        // Code values around credentials that are not credentials
        L("code", "Auth", "TokenEndpoint", "https://login.microsoftonline.com/common/oauth2/v2.0/token");
        L("code", "Password", "Policy", "^(?=.*[A-Z])(?=.*[0-9]).{12,}$");
        L("code", "ApiKey", "HeaderName", "X-Api-Key");
        L("code", "KeyVault", "SecretName", "db-password");
        L("code", "Token", "Type", "urn:ietf:params:oauth:token-type:jwt");
        L("code", "OAuth", "GrantType", "client_credentials");
        L("code", "Env", "PasswordVariable", "DB_PASSWORD");
        L("code", "Config", "SecretPath", "ConnectionStrings:Default");
        L("code", "Git", "RemoteUrl", "https://github.com/contoso/app.git");
        L("code", "Db", "ConnectionString", "Server=.;Database=Orders;Trusted_Connection=True;TrustServerCertificate=True");
        L("code", "Redis", "Url", "redis://localhost:6379/0");
        L("code", "Auth", "Scheme", "Bearer");
        L("code", "Stripe", "KeyPattern", "^sk_live_[A-Za-z0-9]{24}$");
        L("code", "Masked", "Token", "sk_live_****************");
        L("code", "Masked", "GitHubToken", "ghp_\u2026redacted");
        L("code", "Api", "BaseUrl", "https://api.contoso.com/v2/");
        L("code", "Error", "Message", "The API key is missing or invalid.");
        L("code", "Password", "Hint", "At least 12 characters");
        L("code", "Token", "Cache", "token-cache.bin");
        L("code", "OAuth", "Scopes", "openid profile offline_access");

        // Test fixtures and local defaults
        L("fixture", "Test", "Password", "password");
        L("fixture", "Test", "ApiKey", "test-api-key");
        L("fixture", "Fake", "Token", "fake-token");
        L("fixture", "Dev", "Secret", "secret");
        L("fixture", "Unit", "ApiKey", "dummy-key-for-unit-tests");
        L("fixture", "Sample", "ClientSecret", "sample-client-secret");
        L("fixture", "Repeat", "Token", new string('a', 40));
        L("fixture", "Sequence", "ApiKey", "abcdefghijklmnopqrstuvwxyz123456");
        L("fixture", "Zero", "Secret", new string('0', 32));

        return [.. HeldOutCorpus.Spread(secrets), .. HeldOutCorpus.Spread(lookAlikes, 5)];
    }
}
