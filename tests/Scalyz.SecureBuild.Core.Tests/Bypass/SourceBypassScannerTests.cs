using Scalyz.SecureBuild.Core.Bypass;

namespace Scalyz.SecureBuild.Core.Tests.Bypass;

public sealed class SourceBypassScannerTests
{
    [Fact]
    public void Pragma_BareAndWithReason_AreFoundWithTheirLines()
    {
        const string Code = """
            using System;
            #pragma warning disable SSB2001
            #pragma warning disable CS0168, ssb2010 // Jitter for retries, not a secret
            #pragma warning disable
            #pragma warning disable CS0618 // obsolete API on purpose
            // #pragma warning disable SSB2002
              #pragma warning disable SSB2003 // TODO
            #pragma warning restore SSB2001
            """;

        var items = SourceBypassScanner.Scan(Code, "Program.cs").ToList();

        Assert.Equal(
            [
                ("SSB2001", 2, false, (string?)null),
                ("SSB2010", 3, true, "Jitter for retries, not a secret"),
                ("SSB*", 4, false, null),
                ("SSB2003", 7, false, "TODO"),
            ],
            items.Select(i => (i.Target, i.Line, i.Justified, i.Reason)));
        Assert.All(items, i => Assert.Equal((BypassKinds.Pragma, "Program.cs"), (i.Kind, i.File)));
        Assert.Equal("#pragma warning disable SSB2001", items[0].Detail);
    }

    [Fact]
    public void SuppressMessage_PositionalNamedAssemblyAndMultiLine_AreFound()
    {
        const string Code = """
            using System.Diagnostics.CodeAnalysis;
            [assembly: SuppressMessage("Security.InsecureApi", "SSB2001:WeakHash", Justification = "<Pending>")]
            [assembly: System.Diagnostics.CodeAnalysis.SuppressMessageAttribute("Security", "SSB2002")]

            class C
            {
                [SuppressMessage(
                    "Security.InsecureApi",
                    "SSB2010:InsecureRandom",
                    Justification = "Jitter for retries, not a secret, see \"ops\" notes")]
                void M() { }

                [SuppressMessage("Style", "IDE0060", Justification = "not ours")]
                // [SuppressMessage("Security", "SSB2003")]
                /* [SuppressMessage("Security", "SSB2004")] */
                [SuppressMessage(category: "Security", checkId: "x", CheckId = "SSB2005", Justification = "Key is public test data")]
                void N() { }
            }
            """;

        var items = SourceBypassScanner.Scan(Code, "GlobalSuppressions.cs").ToList();

        Assert.Equal(
            [
                ("SSB2001", 2, false, "<Pending>"),
                ("SSB2002", 3, false, null),
                ("SSB2010", 7, true, "Jitter for retries, not a secret, see \"ops\" notes"),
                ("SSB2005", 16, true, "Key is public test data"),
            ],
            items.Select(i => (i.Target, i.Line, i.Justified, (string?)i.Reason)));
        Assert.All(items, i => Assert.Equal(BypassKinds.SuppressMessage, i.Kind));
    }

    [Fact]
    public void FileWithoutPragmaOrRule_HasNothing() =>
        Assert.Empty(SourceBypassScanner.Scan("class C { void M() { } }", "C.cs"));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("safe", false)]
    [InlineData("12345678", false)]
    [InlineData("<Pending>", false)]
    [InlineData("TODO: explain later", false)]
    [InlineData("Jitter for retries", true)]
    public void Reason_MustBeWritten(string? reason, bool written) => Assert.Equal(written, BypassReasons.IsWritten(reason));
}
