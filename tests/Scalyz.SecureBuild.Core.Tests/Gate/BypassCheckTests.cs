using System.Text;
using Scalyz.SecureBuild.Core.Gate;

namespace Scalyz.SecureBuild.Core.Tests.Gate;

public sealed class BypassCheckTests
{
    private static GatePolicy Parse(string json) => GatePolicy.Parse(Encoding.UTF8.GetBytes(json), "gate.json");

    [Fact]
    public void AllowedBypasses_AllowByTargetKindAndProject()
    {
        var policy = Parse("""{ "allowedBypasses": [ { "target": "SSB2010", "kind": "no-warn", "project": "LoadTests", "reason": "random data for load tests only" } ] }""");
        var noWarn = new Core.Bypass.BypassItem("no-warn", "SSB2010", "LoadTests.csproj", 4, false, null, "NoWarn includes SSB2010");

        var (bypasses, reasons) = BypassCheck.Check(
            [new("LoadTests", "/src/LoadTests", [noWarn]), new("Api", "/src/Api", [noWarn, noWarn with { Kind = "pragma", Justified = true, Reason = "reviewed in SEC-7" }])],
            policy);

        Assert.Equal([true, false, true], bypasses.Select(b => b.IsAccepted));
        Assert.Equal("allowed by the gate policy: random data for load tests only", bypasses[0].Reason);
        var reason = Assert.Single(reasons);
        Assert.Equal(DiagnosticCodes.GateBypassUnjustified, reason.Code);
        Assert.Equal("Api: SSB2010 suppressed by no-warn at LoadTests.csproj(4) has no accepted reason (NoWarn includes SSB2010): remove it, or have the gate policy allow it by name with a reason (allowedBypasses).", reason.Message);
    }

    [Theory]
    [InlineData("""{ "allowedBypasses": [ { "target": "SSB2010" } ] }""", "allowedBypasses[0].reason")]
    [InlineData("""{ "allowedBypasses": [ { "target": "SSB2010", "reason": "ok" } ] }""", "allowedBypasses[0].reason")]
    [InlineData("""{ "allowedBypasses": [ { "target": "SSB2010", "kind": "nowarn", "reason": "reviewed in SEC-7" } ] }""", "allowedBypasses[0].kind")]
    [InlineData("""{ "allowedBypasses": [ { "rule": "SSB2010", "reason": "reviewed in SEC-7" } ] }""", "allowedBypasses[0].rule")]
    public void AllowedBypasses_Invalid_IsSsb3101NamingTheField(string json, string field)
    {
        var error = Assert.Throws<Core.IO.InputFileException>(() => Parse(json));

        Assert.Equal(DiagnosticCodes.GatePolicyInvalid, error.Code);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }
}
