using System.Globalization;

namespace Scalyz.SecureBuild.Core.IO;

/// <summary>The one date format of the ledger, the findings file and the reports.</summary>
public static class IsoTime
{
    /// <summary>ISO 8601 UTC, to the second.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
