using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Modern;

/// <summary>SSB1001/SSB1002 on C# 11-14 syntax: raw and UTF-8 literals, primary-constructor defaults, collection expressions.</summary>
public sealed class SecretsModernSyntaxTests
{
    // Built at run time so that the repository holds no key-shaped literal.
    private static readonly string Aws = "AKIA" + "2OGYBAH6QZRLXW7N";

    private static Task Secrets(string marked) => Verify.AnalyzerAsync(new HardcodedSecretAnalyzer(), marked, [], []);

    [Fact]
    public Task ProviderKeyInRawLiteral_Reports() => Secrets($$""""
        class C { const string AccessKeyId = {|SSB1001:"""{{Aws}}"""|}; }
        """");

    [Fact]
    public Task ProviderKeyInUtf8Literal_Reports() => Secrets($$"""
        class C { static System.ReadOnlySpan<byte> AccessKeyId => {|SSB1001:"{{Aws}}"u8|}; }
        """);

    [Fact]
    public Task ProviderKeyAsPrimaryConstructorDefault_Reports() => Secrets($$"""
        sealed class Client(string accessKeyId = {|SSB1001:"{{Aws}}"|}) { public string Id => accessKeyId; }
        """);

    [Fact]
    public Task ProviderKeyInCollectionExpression_Reports() => Secrets($$"""
        class C { string[] Keys() => [{|SSB1001:"{{Aws}}"|}]; }
        """);

    [Fact]
    public Task PasswordAsPrimaryConstructorDefault_Reports() => Secrets("""
        sealed class Db(string password = {|SSB1002:"Tr0ub4dor&3x"|}) { public string P => password; }
        """);
}
