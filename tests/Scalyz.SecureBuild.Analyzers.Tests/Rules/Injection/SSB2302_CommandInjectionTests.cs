using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Injection;

public sealed class SSB2302_CommandInjectionTests
{
    [Fact]
    public Task ShellWithInterpolatedArguments_Reports() => Verify.AnalyzerAsync<CommandInjectionAnalyzer>("""
        using System.Diagnostics;
        class C { void M(string host) { Process.Start("/bin/bash", [|$"-c \"ping -c 1 {host}\""|]); Process.Start("cmd.exe", [|"/c dir " + host|]); } }
        """);

    [Fact]
    public Task StartInfoInitializerAndLaterAssignment_Reports() => Verify.AnalyzerAsync<CommandInjectionAnalyzer>("""
        using System.Diagnostics;
        class C
        {
            void M(string file)
            {
                var a = new ProcessStartInfo { FileName = "powershell", Arguments = [|"-Command Get-Content " + file|] };
                var b = new ProcessStartInfo("sh");
                b.Arguments = [|file|];
                var c = new ProcessStartInfo("bash", [|$"-c 'cat {file}'"|]);
            }
        }
        """);

    [Fact]
    public Task ConstantArgumentsOrNoShell_DoNotReport() => Verify.AnalyzerAsync<CommandInjectionAnalyzer>("""
        using System.Diagnostics;
        class C
        {
            void M(string file)
            {
                Process.Start("/bin/bash", "-c \"uptime\"");
                Process.Start("git", new[] { "log", "-1", file });
                var psi = new ProcessStartInfo("convert");
                psi.ArgumentList.Add(file);
                var other = new ProcessStartInfo { FileName = "tar", Arguments = "-xf archive.tar" };
            }
        }
        """);

    [Fact]
    public Task ArgumentStringAssembledForAnyProgram_Reports() => Verify.AnalyzerAsync<CommandInjectionAnalyzer>("""
        using System.Diagnostics;
        class C
        {
            void M(string file)
            {
                Process.Start("git", [|"log -1 " + file|]);
                var psi = new ProcessStartInfo("ping");
                psi.Arguments = [|$"-c 1 {file}"|];
                var other = new ProcessStartInfo { FileName = "tar", Arguments = [|"-xf " + file|] };
                var p = new Process();
                p.StartInfo.FileName = "zip";
                p.StartInfo.Arguments = [|"-r " + file|];
            }
        }
        """);

    [Fact]
    public Task ProgramFromInput_Reports() => Verify.AnalyzerAsync<CommandInjectionAnalyzer>("""
        using System.Diagnostics;
        class Job { public string Command { get; set; } = ""; }
        class C
        {
            private readonly string _git = "/usr/bin/git";
            void M(string tool, Job job)
            {
                Process.Start([|tool|]);
                Process.Start(new ProcessStartInfo { FileName = [|job.Command|], UseShellExecute = true });
                Process.Start(_git, "status");
            }
        }
        """);
}
