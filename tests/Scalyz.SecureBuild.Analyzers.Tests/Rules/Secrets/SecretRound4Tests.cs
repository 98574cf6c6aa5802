using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, fourth round: the kinds of misses and false positives batch 5 showed, as mechanisms: names whose last word
/// is Key, secret ids, the one argument of a call or creation named after a credential, qualifiers before the credential
/// word, command-line options in comments, .netrc and .pgpass lines, minisign secret keys, and the stand-ins and
/// references that are not secrets. Values are made up for the tests.
/// </summary>
public sealed class SecretRound4Tests
{
    private const string Hex32 = "9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e";
    private const string Base62 = "Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0Ga4Re7Uo2";
    private const string Password = "Tr0ub4dor" + "&3x";

    [Theory]
    [InlineData("MerchantKey", "Kq7#Lm2&Vr9_Tz4!")]
    [InlineData("IngestionKey", Hex32)]
    [InlineData("ProjectKey", Hex32)]
    [InlineData("SendYourDataKey", "cxtp_" + Base62)]
    [InlineData("AppCertificate", Hex32)]
    [InlineData("NOMAD_SECRET_ID", "6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6")]
    [InlineData("ConsulSecretId", "6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6")]
    [InlineData("DataSourcePassword", Password)]
    [InlineData("VaultToken", "hvb." + Base62)]
    public Task CredentialsUnderNamesEndingInACredentialWord_AreReported(string name, string value) => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string " + name + " = {|SSB1002:\"" + value + "\"|};\n}\n");

    [Theory]
    [InlineData("CacheKey", Hex32)]
    [InlineData("PartitionKey", Hex32)]
    [InlineData("Monkey", Hex32)]
    [InlineData("LocalizationKey", Hex32)]
    [InlineData("IdempotencyKey", Hex32)]
    [InlineData("PublicKey", Hex32)]
    [InlineData("ClientSecretId", "6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6")]
    [InlineData("SecretIdLength", "6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6")]
    [InlineData("NextPageToken", "eyJvZmZzZXQiOjEwMCwic29ydCI6ImNyZWF0ZWQifQ")]
    [InlineData("PasswordSource", "Tr0ub4dor-source-7")]
    [InlineData("TokenService", Base62)]
    public Task LookupKeysIdsAndNamesAboutCredentials_AreNotReported(string name, string value) => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string " + name + " = \"" + value + "\";\n}\n");

    [Fact]
    public Task TheArgumentOfACredentialNamedCallOrCreation_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class Secret { public Secret(string value) { } }\n"
        + "interface IHost { void Username(string value); void Password(string value); }\n"
        + "class C\n{\n    object A() => new Secret({|SSB1002:\"" + Base62 + "\"|});\n"
        + "    void B(IHost h) { h.Username(\"orders\"); h.Password({|SSB1002:\"" + Password + "\"|}); }\n}\n");

    [Fact]
    public Task ArgumentsOfLookupsAndChecks_AreNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "interface IStore { string GetSecret(string name); bool ValidatePassword(string value); string Secret(string name); }\n"
        + "class C\n{\n    void M(IStore s)\n    {\n        s.GetSecret(\"" + Base62 + "\");\n        s.ValidatePassword(\"" + Password + "\");\n"
        + "        s.Secret(\"orders-db-connection\");\n        System.Console.WriteLine(\"" + Base62 + "\");\n    }\n}\n");

    [Theory]
    [InlineData("    // choco apikey -k {|SSB1008:6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6|} -s https://push.chocolatey.org/\n")]
    [InlineData("    // choco push Agent.1.4.0.nupkg --source https://push.chocolatey.org/ --api-key {|SSB1008:6b2f9c41-8e3a-4d7b-a915-3c0e72f4d8a6|}\n")]
    [InlineData("    // docker login fra.ocir.io -u 'tenancy/ci@contoso.com' -p '{|SSB1008:" + Password + "|}'\n")]
    [InlineData("    // cli deploy --client-secret {|SSB1008:" + Base62 + "|} --tenant contoso\n")]
    public Task CredentialsGivenToCommandLineOptionsInComments_AreReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + comment + "    void M() { }\n}\n");

    [Theory]
    [InlineData("    // mkdir -p build-output-directory-2024 && cp -k files\n")]
    [InlineData("    // docker login registry.contoso.net -u ci --password-stdin < token.txt\n")]
    [InlineData("    // tool push --api-key $NUGET_API_KEY --source https://api.nuget.org/v3/index.json\n")]
    [InlineData("    // tool push --api-key <your-api-key>\n")]
    [InlineData("    // git log --format=%H --token-count 1234567890abcdef\n")]
    public Task CommandLinesWithoutALiteralCredential_AreNotReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C\n{\n" + comment + "    void M() { }\n}\n");

    [Fact]
    public Task NetrcAndPgpassCredentialsInStrings_AreReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    string A() => {|SSB1002:\"machine git.contoso.net\\n  login ci-bot\\n  password " + Password + "\\n\"|};\n"
        + "    string B() => {|SSB1002:@\"db.contoso.internal:5432:orders:orders_app:" + Password + "\"|};\n"
        + "    string D() => {|SSB1002:\"spring.datasource.password=" + Password + "\\n\"|};\n}\n");

    [Fact]
    public Task NetrcAndPgpassLookAlikes_AreNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    string A() => \"Enter your password below to continue\";\n"
        + "    string B() => \"machine git.contoso.net login ci-bot password changeme\";\n"
        + "    string D() => @\"db.contoso.internal:5432:orders:orders_app:*\";\n"
        + "    string E() => \"started 10:30:00 on node-1\";\n}\n");

    [Fact]
    public Task MinisignSecretKeyInAComment_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    /* nightly feed key:\nuntrusted comment: minisign encrypted secret key\n{|SSB1008:RWRTY0Iy" + string.Concat(Enumerable.Repeat(Base62, 5)) + "|}\n    */\n    void M() { }\n}\n");

    [Theory]
    [InlineData("ClientSecret", "__XERO_CLIENT_SECRET__")]
    [InlineData("ApiToken", "[ENTER_API_TOKEN]")]
    [InlineData("ApiToken", "[YOUR API TOKEN HERE]")]
    [InlineData("DbPassword", "vault:secret/data/orders#db_password")]
    [InlineData("AdminPassword", "[parameters('sqlAdminPassword')]")]
    [InlineData("HtpasswdPassword", "ops:$apr1$Xq7Lm2Vr$9Tz4Kp8Wn3Ys6Bd1Hf5Jc0")]
    public Task StandInsReferencesAndHashes_AreNotReported(string name, string value) => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    const string " + name + " = \"" + value + "\";\n}\n");
}
