using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1005_UrlCredentialsTests
{
    [Theory]
    [InlineData("mongodb+srv://app:Tr0ub4dor3x@cluster0.example.net/orders")]
    [InlineData("https://deploy:s3cr3tP4ss@registry.example.com/v2/")]
    [InlineData("amqp://svc:Xk29fLq7@rabbit:5672/")]
    public Task UrlWithPassword_IsReported(string url) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C { string url = {|SSB1005:\"" + url + "\"|}; }");

    [Theory]
    [InlineData("https://example.com/path?q=1")]
    [InlineData("postgres://postgres:postgres@localhost/db")]
    [InlineData("https://user:${PASSWORD}@example.com")]
    [InlineData("https://user:password@example.com")]
    [InlineData("mailto:someone@example.com")]
    public Task UrlWithoutRealPassword_IsNotReported(string url) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("class C { string url = \"" + url + "\"; }");
}
