using Microsoft.Build.Framework;
using Scalyz.SecureBuild.Core.Advisories;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Used when the package itself is packed: reads the OSV records committed under src/Scalyz.SecureBuild/advisories/osv
/// and writes the compact embedded snapshot (dated by the newest <c>modified</c> of the records, so packing the same
/// records always gives the same bytes).
/// </summary>
public sealed class BuildAdvisorySnapshotTask : SecureBuildTask
{
    /// <summary>The OSV record files.</summary>
    [Required]
    public ITaskItem[] Records { get; set; } = [];

    /// <summary>The snapshot to write.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    protected override void ExecuteCore()
    {
        var records = Records.Select(r => r.GetMetadata("FullPath")).Order(StringComparer.Ordinal).Select(OsvReader.ReadFile).ToList();
        var (kept, date) = AdvisorySnapshot.Write(OutputFile, records, "embedded", AdvisorySnapshot.GitHubAttribution);
        Log.LogMessage(MessageImportance.High, $"SecureBuild: advisory snapshot of {kept} NuGet records (of {records.Count}) dated {date:yyyy-MM-dd} written to {OutputFile}.");
    }
}
