using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Ledger;

/// <summary>
/// The ledger as a JSON file in the repository (the default store): reviewable in git, written atomically. Writers take
/// an OS lock on a sibling <c>.lock</c> file (waiting with retries), re-read the file under the lock, apply their change
/// and replace the file, so parallel builds and threads never lose each other's writes.
/// </summary>
public sealed class JsonFileLedgerStore : ILedgerStore
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lockTimeout;

    /// <summary>Creates a store over <paramref name="path"/> (it need not exist yet).</summary>
    /// <param name="path">The ledger file.</param>
    /// <param name="clock">The clock used to stamp scans.</param>
    /// <param name="lockTimeout">How long a writer waits for the lock before failing with SSB0304 (default 2 minutes).</param>
    public JsonFileLedgerStore(string path, TimeProvider clock, TimeSpan? lockTimeout = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        _clock = clock;
        _lockTimeout = lockTimeout ?? TimeSpan.FromMinutes(2);
    }

    /// <summary>The ledger file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Description => Path;

    /// <inheritdoc />
    public LedgerSnapshot Read()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return LedgerSnapshot.Empty;
        }

        return LedgerJson.Parse(bytes, Path);
    }

    /// <inheritdoc />
    public IReadOnlyList<LedgerFinding> RecordScan(string project, IReadOnlyList<SlaFinding> findings, string actor)
    {
        IReadOnlyList<LedgerFinding> recorded = [];
        Update(ledger =>
        {
            var (upserts, history) = ScanMerge.Merge(project, ledger.Findings, findings, _clock.GetUtcNow(), actor);
            var merged = ledger.Findings.ToDictionary(f => f.Key);
            foreach (var upsert in upserts)
            {
                merged[upsert.Key] = upsert;
            }

            var keys = findings.Where(f => f.Project == project).Select(f => f.Key).ToHashSet();
            recorded = merged.Values.Where(f => keys.Contains(f.Key)).OrderBy(f => f.Key).ToList();
            return ledger with { Findings = [.. merged.Values], History = [.. ledger.History, .. history] };
        });
        return recorded;
    }

    /// <inheritdoc />
    public void RecordBypasses(string project, IReadOnlyList<Bypass.BypassItem> bypasses, string actor) =>
        Update(ledger =>
        {
            var (upserts, history) = Bypass.BypassMerge.Merge(project, ledger.Bypasses, bypasses, _clock.GetUtcNow(), actor);
            var merged = ledger.Bypasses.ToDictionary(b => b.Key);
            foreach (var upsert in upserts)
            {
                merged[upsert.Key] = upsert;
            }

            return ledger with { Bypasses = [.. merged.Values], History = [.. ledger.History, .. history] };
        });

    /// <inheritdoc />
    public void RecordRelease(LedgerRelease release) =>
        Update(ledger => ledger with { Releases = [.. ledger.Releases, release], History = [.. ledger.History, ScanMerge.ReleaseEntry(release)] });

    /// <inheritdoc />
    public void AcceptRisk(RiskAcceptance acceptance) =>
        Update(ledger => ledger with { Acceptances = [.. ledger.Acceptances, acceptance], History = [.. ledger.History, ScanMerge.AcceptanceEntry(acceptance)] });

    private void Update(Func<LedgerSnapshot, LedgerSnapshot> change)
    {
        using (AcquireLock())
        {
            var updated = change(Read());
            AtomicFile.WriteAllBytes(Path, LedgerJson.SerializeUtf8(updated));
        }
    }

    private FileStream AcquireLock()
    {
        var lockPath = Path + ".lock";
        // A ledger path that can never be written (a folder, below a file) is one SSB0004 line, not a lock timeout.
        OutputPath.Validate(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(lockPath)!);
        // Waiting is wall time, whatever clock stamps the records.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var delay = 5;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive OS lock (flock on Unix, share modes on Windows), held until disposed, so
                // other processes and other threads of this one wait here.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (waited.Elapsed > _lockTimeout)
                {
                    throw new InputFileException(DiagnosticCodes.LedgerBusy, Path,
                        $"The findings ledger '{Path}' stayed locked by another writer for {_lockTimeout.TotalSeconds:0} seconds ({lockPath}): {e.Message}", inner: e);
                }

                Thread.Sleep(Random.Shared.Next(delay, delay * 2));
                delay = Math.Min(delay * 2, 200);
            }
        }
    }
}
