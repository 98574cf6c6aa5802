namespace Scalyz.SecureBuild.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public void Help_ListsTheCommands()
    {
        var (code, output, _) = CliRunner.Run("--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("deps", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_PrintsTheInformationalVersion()
    {
        var (code, output, _) = CliRunner.Run("--version");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("frobnicate", "now");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }
}
