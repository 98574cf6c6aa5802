using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Modern;

/// <summary>SSB2004/SSB2005 on C# 12-14 syntax: keys and IVs written as collection expressions, spreads, u8 and raw literals.</summary>
public sealed class SSB2004_HardcodedKeyModernTests
{
    [Fact]
    public Task CollectionExpressionKeyAndIv_Report() => Verify.AnalyzerAsync(new HardcodedKeyAnalyzer(), """
        using System.Security.Cryptography;
        class C
        {
            void M()
            {
                using var aes = Aes.Create();
                aes.Key = {|SSB2004:[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10]|};
                byte[] iv = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
                aes.IV = {|SSB2005:iv|};
            }
        }
        """, [], []);
}
