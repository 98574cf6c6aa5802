using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

public sealed class SSB1008_SecretInCommentTests
{
    [Fact]
    public Task ProviderTokenInLineComment_IsReportedOnTheToken() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "class C\n{\n    // old key: {|SSB1008:sk_live_" + "51HqLyjWDarjtT1zdp7dcQ9r2V|}\n    void M() { }\n}\n");

    [Fact]
    public Task PasswordInXmlDoc_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "/// <summary>Connects; staging password: {|SSB1008:Tr0ub4dor" + "-3x|}</summary>\nclass C { }\n");

    [Fact]
    public Task UrlWithPasswordInBlockComment_IsReported() => Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(
        "/* curl https://deploy:{|SSB1008:s3cr3tP4ss|}@registry.example.com */\nclass C { }\n");

    [Theory]
    [InlineData("// Reads the password from the DB_PASSWORD environment variable.")]
    [InlineData("/// <param name=\"token\">The cancellation token.</param>")]
    [InlineData("// password: <your-password>")]
    [InlineData("// See https://example.com/docs/tokens for the token format.")]
    [InlineData("// Type.GetType(\"System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089\")")]
    public Task CommentAboutSecrets_IsNotReported(string comment) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(comment + "\nclass C { void M(string token) { } }\n");
}
