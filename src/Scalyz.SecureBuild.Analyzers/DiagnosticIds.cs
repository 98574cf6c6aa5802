namespace Scalyz.SecureBuild.Analyzers;

/// <summary>The analyzer diagnostic IDs (SSB1xxx secrets, SSB2xxx insecure APIs), their categories and help links.</summary>
public static class DiagnosticIds
{
    /// <summary>The documentation page of a rule.</summary>
    public static string HelpLink(string id) => $"https://github.com/scalyz/securebuild/blob/main/src/docs/rules/{id}.md";

    /// <summary>Rule categories, as shown in SARIF and in the rule pages.</summary>
    public static class Categories
    {
        public const string Secrets = "Security.Secrets";
        public const string InsecureApi = "Security.InsecureApi";
    }
}
