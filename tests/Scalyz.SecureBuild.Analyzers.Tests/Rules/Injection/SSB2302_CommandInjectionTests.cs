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
                Process.Start("git", "log -1 " + file);
                var psi = new ProcessStartInfo("convert");
                psi.ArgumentList.Add(file);
                var other = new ProcessStartInfo { FileName = "tar", Arguments = "-xf " + file };
            }
        }
        """);
}
