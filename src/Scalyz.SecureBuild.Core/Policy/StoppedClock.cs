namespace Scalyz.SecureBuild.Core.Policy;

/// <summary>A clock stopped at one moment: "evaluate as of" in the CLI and the task, and fixed times in tests.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The moment the clock shows; tests may move it.</summary>
    public DateTimeOffset Now { get; set; } = now.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
