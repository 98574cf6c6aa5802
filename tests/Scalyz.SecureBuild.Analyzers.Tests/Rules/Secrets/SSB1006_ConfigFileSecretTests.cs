using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1006_ConfigFileSecretTests
{
    private const string Code = "class C { }";
    private const string Password = "Tr0ub4dor" + "&3x";
    private static readonly string AccountKey = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)((i * 73) + 19)).ToArray());

    [Fact]
    public Task AppSettingsConnectionStringWithAccountKey_IsReportedAtTheKey() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/appsettings.Production.json", "{\n  \"ConnectionStrings\": {\n    \"Blob\": \"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=[|" + AccountKey + "|];EndpointSuffix=core.windows.net\"\n  }\n}\n")], []);

    [Fact]
    public Task AppSettingsCredentialKey_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/appsettings.json", "{\n  \"Smtp\": { \"Host\": \"mail\", \"Password\": \"[|" + Password + "|]\" }\n}\n")], []);

    [Fact]
    public Task ProviderTokenInLaunchSettings_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/Properties/launchSettings.json", "{ \"profiles\": { \"web\": { \"environmentVariables\": { \"STRIPE\": \"[|sk_live_" + "51HqLyjWDarjtT1zdp7dcQ9r2V|]\" } } } }\n")], []);

    [Fact]
    public Task NuGetConfigClearTextPassword_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/nuget.config", "<configuration>\n  <packageSourceCredentials>\n    <feed>\n      <add key=\"Username\" value=\"ci\" />\n      <add key=\"ClearTextPassword\" value=\"[|" + Password + "|]\" />\n    </feed>\n  </packageSourceCredentials>\n</configuration>\n")], []);

    [Fact]
    public Task WebConfigConnectionString_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/web.config", "<connectionStrings>\n  <add name=\"Db\" connectionString=\"Server=db;User Id=app;Password=[|" + Password + "|];\" />\n</connectionStrings>\n")], []);

    [Fact]
    public Task PublishProfilePassword_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/Properties/PublishProfiles/Prod.pubxml", "<Project>\n  <PropertyGroup>\n    <UserName>$deploy</UserName>\n    <Password>[|" + Password + "|]</Password>\n  </PropertyGroup>\n</Project>\n")], []);

    [Fact]
    public Task EnvFile_IsReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/.env", "APP_NAME=orders\nexport DB_PASSWORD=\"[|" + Password + "|]\"\n")], []);

    [Fact]
    public Task EnvTemplateUserSecretsAndOtherFiles_AreNotRead() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/.env.example", "DB_PASSWORD=" + Password + "\n"), ("/home/u/.microsoft/usersecrets/id/secrets.json", "{ \"Password\": \"" + Password + "\" }"), ("/p/notes.json", "{ \"Password\": \"" + Password + "\" }")], []);

    [Fact]
    public Task PlaceholdersReferencesAndEncryptedValues_AreNotReported() => Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), Code,
        [("/p/appsettings.json", "{\n  \"Password\": \"\",\n  \"ApiKey\": \"<your-api-key>\",\n  \"Token\": \"${API_TOKEN}\",\n  \"PasswordPolicy\": \"Strong-Password-1\",\n  \"ConnectionStrings\": { \"Db\": \"Server=db;Integrated Security=true\" }\n}\n"),
         ("/p/nuget.config", "<add key=\"Password\" value=\"AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA\" />\n")], []);

    [Fact]
    public async Task Message_NamesTheFileAndMasksTheValue()
    {
        var diagnostic = Assert.Single(await Verify.DiagnosticsAsync(new ConfigFileSecretAnalyzer(), Code, ("/p/appsettings.json", "{ \"Password\": \"" + Password + "\" }")));

        Assert.Equal("The value of 'Password' 'Tr0u\u2026' is hard-coded in appsettings.json; move it to user secrets, environment variables or a vault", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
