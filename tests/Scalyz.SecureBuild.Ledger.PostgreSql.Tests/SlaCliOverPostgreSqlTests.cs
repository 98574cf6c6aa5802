using System.Text.Json;
using Npgsql;
using Scalyz.SecureBuild.Cli;

namespace Scalyz.SecureBuild.Ledger.PostgreSql.Tests;

/// <summary>The security lead's commands against a PostgreSQL ledger, chosen through an environment variable.</summary>
public sealed class SlaCliOverPostgreSqlTests : IClassFixture<PostgreSqlCluster>, IDisposable
{
    private readonly string _variable = "SSB_TEST_PG_" + Guid.NewGuid().ToString("N");
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-pg-cli-").FullName;

    public SlaCliOverPostgreSqlTests(PostgreSqlCluster cluster)
    {
        var database = "cli_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            command.ExecuteNonQuery();
        }

        Environment.SetEnvironmentVariable(_variable, cluster.ConnectionString(database) + ";Password=not-needed-but-secret");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_folder, recursive: true);
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run([.. args, "--ledger-connection-env", _variable], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void RecordAcceptReportHistory_AllGoThroughTheDatabase()
    {
        var findings = Path.Combine(_folder, "findings.json");
        File.WriteAllText(findings, """
            {"findings": [
              {"advisory": "GHSA-3x49-g6rc-c284", "aliases": ["CVE-2022-23535"], "package": "LiteDB", "version": "5.0.12", "project": "Contoso.Worker", "severity": "HIGH", "published": "2023-02-24T16:22:50Z", "fixedIn": "5.0.13"},
              {"advisory": "GHSA-2x7h-96h5-rq84", "aliases": ["CVE-2021-32841"], "package": "SharpZipLib", "version": "1.3.2", "project": "Contoso.Worker", "severity": "MODERATE", "published": "2022-02-01T16:22:57Z", "fixedIn": "1.3.3"}
            ]}
            """);

        var record = Run("sla", "record", findings, "--actor", "ci");
        var accept = Run("sla", "accept", "GHSA-3x49-g6rc-c284", "--reason", "Only trusted input", "--until", "2099-01-01", "--actor", "m.rossi");
        var report = Run("sla", "report", "--format", "json", "--fail-on-breach");
        var history = Run("sla", "history");

        Assert.Equal((0, string.Empty), (record.Code, record.Error));
        Assert.Contains("postgresql://postgres@127.0.0.1:", record.Output, StringComparison.Ordinal);
        Assert.Equal(0, accept.Code);
        Assert.Equal(1, report.Code);
        var statuses = JsonDocument.Parse(report.Output).RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("advisory").GetString()!, f => f.GetProperty("status").GetString());
        Assert.Equal("accepted", statuses["GHSA-3x49-g6rc-c284"]);
        Assert.Equal("breached", statuses["GHSA-2x7h-96h5-rq84"]);
        Assert.Contains("RiskAccepted", history.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-needed-but-secret", record.Output + accept.Output + report.Output + history.Output, StringComparison.Ordinal);
    }
}
