namespace Scalyz.SecureBuild.Core.Tests.Policy;

/// <summary>A clock that says what the test sets.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public static FixedClock At(string iso) => new(DateTimeOffset.Parse(iso, global::System.Globalization.CultureInfo.InvariantCulture));

    public override DateTimeOffset GetUtcNow() => Now;
}
