using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Scalyz.SecureBuild.Cli.Tests;

/// <summary>Separate <c>securebuild</c> processes writing one ledger file at once (parallel CI builds of one repository).</summary>
public sealed class SlaLedgerProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-sla-proc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Record_SixProcessesAtOnce_LoseNothing()
    {
        const int Processes = 6;
        const int ProjectsEach = 8;
        const int FindingsEach = 25;
        var ledger = Path.Combine(_folder, "securebuild-ledger.json");
        var runs = Enumerable.Range(0, Processes).Select(p =>
        {
            var file = Path.Combine(_folder, $"findings-{p}.json");
            File.WriteAllText(file, FindingsFile(p, ProjectsEach, FindingsEach));
            return RunAsync(Path.Combine(AppContext.BaseDirectory, "securebuild.dll"), "sla", "record", file, "--ledger", ledger, "--actor", $"build-{p}");
        }).ToList();

        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        using var json = JsonDocument.Parse(File.ReadAllText(ledger));
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("project").GetString(), f.GetProperty("advisory").GetString())).ToList();
        Assert.Equal(Processes * ProjectsEach * FindingsEach, findings.Count);
        Assert.Equal(findings.Count, findings.Distinct().Count());
        Assert.Equal(findings.Count, json.RootElement.GetProperty("history").GetArrayLength());
    }

    private static string FindingsFile(int process, int projects, int findings)
    {
        var text = new StringBuilder("{\"findings\": [\n");
        var first = true;
        for (var p = 0; p < projects; p++)
        {
            for (var f = 0; f < findings; f++)
            {
                text.Append(first ? string.Empty : ",\n").Append(
                    $"{{\"advisory\": \"TEST-{f:D4}\", \"package\": \"Pkg\", \"version\": \"1.0.0\", \"project\": \"P{process}-{p}\", \"severity\": \"LOW\", \"published\": \"2026-10-01T00:00:00Z\"}}");
                first = false;
            }
        }

        return text.Append("\n]}\n").ToString();
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return (process.ExitCode, await error);
    }
}
