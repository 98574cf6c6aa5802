using Scalyz.SecureBuild.Analyzers.Rules.Files;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Files;

public sealed class SSB2801_WorldWritableFileTests
{
    [Fact]
    public Task OtherWriteModes_Reports() => Verify.AnalyzerAsync<WorldWritableFileAnalyzer>("""
        #pragma warning disable CA1416
        using System.IO;
        class C
        {
            void M(string path)
            {
                File.SetUnixFileMode(path, [|UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite|]);
                var all = UnixFileMode.UserRead | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
                Directory.CreateDirectory(path, [|all|]);
                var options = new FileStreamOptions { Mode = FileMode.Create, UnixCreateMode = [|(UnixFileMode)0x1FF|] };
                new FileInfo(path).UnixFileMode = [|UnixFileMode.OtherWrite|];
            }
        }
        """);

    [Fact]
    public Task ChmodProcessAndPInvoke_Reports() => Verify.AnalyzerAsync<WorldWritableFileAnalyzer>("""
        using System.Diagnostics;
        using System.Runtime.InteropServices;
        class C
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int chmod(string path, uint mode);
            void M(string path)
            {
                Process.Start("chmod", [|"777 " + path|]);
                Process.Start("/bin/chmod", [|$"-R o+w {path}"|]);
                chmod(path, [|0x1B6|]);
            }
        }
        """);

    [Fact]
    public Task OwnerAndGroupOnly_DoesNotReport() => Verify.AnalyzerAsync<WorldWritableFileAnalyzer>("""
        #pragma warning disable CA1416
        using System.Diagnostics;
        using System.IO;
        class C
        {
            void M(string path)
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                Process.Start("chmod", "755 " + path);
                Process.Start("chmod", $"u+w,o-w {path}");
            }
        }
        """);
}
