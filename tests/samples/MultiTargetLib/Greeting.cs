using Humanizer;

namespace MultiTargetLib;

/// <summary>Formats a greeting with a humanized time span.</summary>
public static class Greeting
{
    public static string For(string name, TimeSpan since) => $"Hello {name}, last seen {since.Humanize()} ago.";
}
