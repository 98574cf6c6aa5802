using Microsoft.Build.Framework;
using Scalyz.SecureBuild.Core;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Tasks;

/// <summary>
/// Used when the package itself is packed: writes the compact embedded snapshot from the OSV records committed under
/// src/Scalyz.SecureBuild/advisories/osv, or from an osv.dev dump (SecureBuildAdvisoryDump). The snapshot is dated by the
/// newest <c>modified</c> not after the pack, so packing the same records always gives the same bytes.
/// </summary>
public sealed class BuildAdvisorySnapshotTask : SecureBuildTask
{
    /// <summary>The OSV record files (also the Inputs of the target, so a changed dump rebuilds the snapshot).</summary>
    [Required]
    public ITaskItem[] Records { get; set; } = [];

    /// <summary>An osv.dev dump (all.zip or a folder of OSV JSON) to read instead of <see cref="Records"/>; empty for the records.</summary>
    public string? Dump { get; set; }

    /// <summary>The snapshot to write.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    protected override void ExecuteCore()
    {
        var now = DateTimeOffset.UtcNow;
        var records = string.IsNullOrWhiteSpace(Dump)
            ? Records.Select(r => r.GetMetadata("FullPath")).Order(StringComparer.Ordinal).Select(OsvReader.ReadFile).ToList()
            : OsvDumpImporter.ReadRecords(Path.GetFullPath(Dump));
        if (AdvisorySnapshot.Usable(records).Count == 0)
        {
            throw new InputFileException(DiagnosticCodes.AdvisoryImportEmpty, Dump ?? OutputFile,
                $"The advisory records for the package's snapshot ({(string.IsNullOrWhiteSpace(Dump) ? "the committed records" : Dump)}) hold no NuGet advisory; the snapshot was not written.");
        }

        foreach (var future in records.Where(r => r.Modified > now))
        {
            LogWarning(DiagnosticCodes.AdvisoryDateInFuture, Dump ?? OutputFile, 0, $"The advisory record {future.Id} is modified in the future ({future.Modified:yyyy-MM-dd}); its date was ignored for the snapshot's date.");
        }

        var (kept, date) = AdvisorySnapshot.Write(OutputFile, records, "embedded", AdvisorySnapshot.GitHubAttribution, now);
        Log.LogMessage(MessageImportance.High, $"SecureBuild: advisory snapshot of {kept} NuGet records (of {records.Count}) dated {date:yyyy-MM-dd} written to {OutputFile}.");
    }
}
