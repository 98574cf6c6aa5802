namespace Scalyz.SecureBuild.Cli;

/// <summary>The process exit codes of <c>securebuild</c> (documented in src/docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>The command did its work and found nothing that breaks the policy.</summary>
    public const int Ok = 0;

    /// <summary>The policy is violated: findings at or above the level, a failed gate, a breached deadline.</summary>
    public const int PolicyViolated = 1;

    /// <summary>The command line is wrong (unknown option, missing argument, bad value).</summary>
    public const int UsageError = 2;

    /// <summary>An input file is missing or unreadable (project, assets file, SBOM, policy, advisory data).</summary>
    public const int BadInput = 3;

    /// <summary>An advisory source could not be reached and the team asked to fail rather than fall back.</summary>
    public const int AdvisorySourceUnreachable = 4;

    /// <summary>The tool failed unexpectedly (a bug); it printed one line saying what went wrong.</summary>
    public const int InternalError = 5;
}
