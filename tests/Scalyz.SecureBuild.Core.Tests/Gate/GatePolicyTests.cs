using System.Text;
using Scalyz.SecureBuild.Core.Gate;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Tests.Gate;

public sealed class GatePolicyTests
{
    private static GatePolicy Parse(string json) => GatePolicy.Parse(Encoding.UTF8.GetBytes(json), "gate.json");

    [Fact]
    public void FullPolicy_IsRead()
    {
        var policy = Parse("""
            {
              // comments are allowed
              "version": 1,
              "licenses": { "allow": ["MIT", "Apache-2.0"], "deny": ["AGPL-3.0-only"] },
              "bannedPackages": [ { "id": "Newtonsoft.Json", "versions": "(, 13.0.1)", "reason": "CVE-2024-21907" }, { "id": "log4net" } ],
              "maxAdvisoryAgeDays": 7,
              "requireHashes": false,
            }
            """);

        Assert.Equal(["MIT", "Apache-2.0"], policy.AllowedLicenses);
        Assert.Equal(["AGPL-3.0-only"], policy.DeniedLicenses);
        Assert.Equal(TimeSpan.FromDays(7), policy.MaxAdvisoryAge);
        Assert.False(policy.RequireHashes);
        Assert.True(policy.BannedPackages[0].Matches("newtonsoft.json", "12.0.3"));
        Assert.False(policy.BannedPackages[0].Matches("Newtonsoft.Json", "13.0.1"));
        Assert.True(policy.BannedPackages[1].Matches("log4net", "2.0.17"));
        Assert.Equal("banned by the gate policy", policy.BannedPackages[1].Reason);
    }

    [Theory]
    [InlineData("{\n\"version\": 1,\n\"licences\": {}\n}", "licences", 3)]
    [InlineData("{\n\"version\": 2\n}", "version", 2)]
    [InlineData("{\n\"bannedPackages\": [\n{ \"id\": \"A\",\n\"versions\": \"not a range\" }\n]\n}", "bannedPackages[0].versions", 4)]
    [InlineData("{\n\"bannedPackages\": [\n{ \"versions\": \"[1.0.0]\" }\n]\n}", "bannedPackages[0].id", null)]
    [InlineData("{\n\"maxAdvisoryAgeDays\": 0\n}", "maxAdvisoryAgeDays", 2)]
    [InlineData("{\n\"licenses\": { \"deny\": [\"MIT OR Apache-2.0\"] }\n}", "licenses.deny", 2)]
    public void BadField_IsAnErrorNamingFieldAndLine(string json, string field, int? line)
    {
        var error = Assert.Throws<InputFileException>(() => Parse(json));

        Assert.Equal("SSB3101", error.Code);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        if (line is not null)
        {
            Assert.Equal(line, error.Line);
        }
    }

    [Fact]
    public void NotJson_IsAnError() =>
        Assert.Equal("SSB3101", Assert.Throws<InputFileException>(() => Parse("{ \"version\": ")).Code);
}
