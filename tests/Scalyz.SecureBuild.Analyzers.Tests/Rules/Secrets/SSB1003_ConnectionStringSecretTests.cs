using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1003_ConnectionStringSecretTests
{
    private static readonly string AccountKey = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)((i * 73) + 19)).ToArray());

    [Fact]
    public Task SqlConnectionStringWithPassword_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("""
        class C { string cs = {|SSB1003:"Server=db;Database=orders;User Id=app;Password=Tr0ub4dor&3x;"|}; }
        """);

    [Fact]
    public Task StorageConnectionStringWithAccountKey_IsReportedAsAzureKey() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C { string cs = {|SSB1003:\"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + AccountKey + ";EndpointSuffix=core.windows.net\"|}; }");

    [Fact]
    public Task ServiceBusConnectionStringWithSharedAccessKey_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C { string cs = {|SSB1003:\"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + AccountKey[..44] + "\"|}; }");

    [Theory]
    [InlineData("Server=db;Database=orders;Integrated Security=true;")]
    [InlineData("Server=db;User Id=app;Password={0};")]
    [InlineData("Server=db;User Id=app;Password=$(DbPassword);")]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("Server=db;User Id=app;Password=;")]
    public Task ConnectionStringWithoutLiteralSecret_IsNotReported(string connectionString) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C { string cs = \"" + connectionString + "\"; }");

    [Fact]
    public Task PasswordKeyWithoutSemicolon_IsNearMissAndNotReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("""
        class C { string text = "Reset your password=now"; }
        """);
}
