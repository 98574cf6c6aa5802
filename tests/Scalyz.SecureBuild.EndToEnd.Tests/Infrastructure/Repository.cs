namespace Scalyz.SecureBuild.EndToEnd.Tests.Infrastructure;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "tests", "samples");

    public static string CliProject => Path.Combine(Root, "src", "Scalyz.SecureBuild.Cli", "Scalyz.SecureBuild.Cli.csproj");

    public static string PackageProject => Path.Combine(Root, "src", "Scalyz.SecureBuild", "Scalyz.SecureBuild.csproj");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scalyz.SecureBuild.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scalyz.SecureBuild.sln not found above the test folder.");
    }
}
