using System.IO.Compression;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>Limits that keep a hostile or broken archive from filling memory or the disk.</summary>
/// <param name="MaxEntries">The most entries an archive may hold.</param>
/// <param name="MaxRecordBytes">The largest uncompressed record.</param>
/// <param name="MaxTotalBytes">The most uncompressed bytes over all records.</param>
public sealed record ImportLimits(int MaxEntries = 500_000, long MaxRecordBytes = 8 * 1024 * 1024, long MaxTotalBytes = 4L * 1024 * 1024 * 1024)
{
    /// <summary>The limits used by <c>securebuild db import</c>.</summary>
    public static ImportLimits Default { get; } = new();
}

/// <summary>What an import did.</summary>
/// <param name="Read">The OSV records read.</param>
/// <param name="Kept">The NuGet advisories kept.</param>
/// <param name="Date">The data's date: the newest <c>modified</c>, never later than the import.</param>
/// <param name="FutureDated">The ids of records modified after the import time; their dates were ignored (SSB0207).</param>
public sealed record OsvImportResult(int Read, int Kept, DateTimeOffset? Date, IReadOnlyList<string> FutureDated);

/// <summary>
/// Imports OSV records from a folder or a zip (osv.dev publishes NuGet's as https://osv-vulnerabilities.storage.googleapis.com/NuGet/all.zip)
/// into the local advisory cache as one snapshot file. Nothing is extracted to disk; every record is read and checked
/// before the cache file is replaced in one atomic step, so a failed import leaves the previous one in place.
/// </summary>
public static class OsvDumpImporter
{
    /// <summary>The cache file an import writes, below the cache folder.</summary>
    public const string CacheFileName = "osv-dump.snapshot.json.gz";

    /// <summary>The imported snapshot's path in <paramref name="cacheFolder"/>.</summary>
    public static string CacheFile(string cacheFolder) => Path.Combine(cacheFolder, CacheFileName);

    /// <summary>
    /// Imports <paramref name="path"/> (a folder of *.json or a .zip) into <paramref name="cacheFolder"/>. An input without
    /// a single NuGet advisory is refused (SSB0206) and the previous import stays byte for byte; a record modified after
    /// <paramref name="now"/> keeps its content but not its date, so the data is never dated later than the import.
    /// </summary>
    public static OsvImportResult Import(string path, string cacheFolder, ImportLimits? limits = null, DateTimeOffset? now = null, string? origin = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        var records = ReadRecords(path, limits);
        var kept = AdvisorySnapshot.Usable(records);
        if (kept.Count == 0)
        {
            throw new InputFileException(DiagnosticCodes.AdvisoryImportEmpty, path,
                $"The advisory import '{origin ?? path}' holds no NuGet advisory ({records.Count} OSV record(s) read, none for the NuGet ecosystem and not withdrawn), so it was refused; the previous import was kept. Import osv.dev's NuGet data (https://osv-vulnerabilities.storage.googleapis.com/NuGet/all.zip) or a folder of NuGet OSV records.");
        }

        var future = records.Where(r => r.Modified > at).Select(r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var (written, date) = AdvisorySnapshot.Write(CacheFile(cacheFolder), records, "osv-dump",
            $"{origin ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(path))}; OSV data from osv.dev / {AdvisorySnapshot.GitHubAttribution}", at);
        return new OsvImportResult(records.Count, written, date, future);
    }

    /// <summary>Reads every OSV record of a folder of *.json or a .zip, within <paramref name="limits"/>; nothing is written.</summary>
    public static List<OsvRecord> ReadRecords(string path, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        if (Directory.Exists(path))
        {
            return ReadFolder(path, limits);
        }

        if (File.Exists(path))
        {
            return ReadZip(path, limits);
        }

        throw new InputFileException(DiagnosticCodes.InputNotFound, path, $"'{path}' is neither a folder nor a file.");
    }

    private static List<OsvRecord> ReadFolder(string folder, ImportLimits limits)
    {
        var files = FolderWalker.Files(folder, file => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        if (files.Count > limits.MaxEntries)
        {
            throw Rejected(folder, $"it holds {files.Count} JSON files, more than the limit of {limits.MaxEntries}");
        }

        var total = 0L;
        var records = new List<OsvRecord>(files.Count);
        foreach (var file in files)
        {
            var length = new FileInfo(file).Length;
            total += length;
            if (length > limits.MaxRecordBytes || total > limits.MaxTotalBytes)
            {
                throw Rejected(file, $"the record is {length} bytes (limit {limits.MaxRecordBytes}) or the folder exceeds {limits.MaxTotalBytes} bytes");
            }

            records.Add(OsvReader.ReadFile(file));
        }

        return records;
    }

    private static List<OsvRecord> ReadZip(string path, ImportLimits limits)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InputFileException(DiagnosticCodes.AdvisoryDataInvalid, path, $"'{path}' is not a folder or a zip archive of OSV records: {e.Message}", inner: e);
        }

        using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw Rejected(path, $"it has {archive.Entries.Count} entries, more than the limit of {limits.MaxEntries}");
            }

            var records = new List<OsvRecord>();
            var total = 0L;
            foreach (var entry in archive.Entries)
            {
                if (EscapesFolder(entry.FullName))
                {
                    throw Rejected(path, $"the entry '{entry.FullName}' names a path outside the archive's folder (zip-slip)");
                }

                if (entry.FullName.EndsWith('/') || !entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (entry.Length > limits.MaxRecordBytes)
                {
                    throw Rejected(path, $"the entry '{entry.FullName}' declares {entry.Length} bytes, more than the limit of {limits.MaxRecordBytes}");
                }

                var bytes = ReadBounded(entry, limits.MaxRecordBytes, path);
                total += bytes.Length;
                if (total > limits.MaxTotalBytes)
                {
                    throw Rejected(path, $"it expands to more than {limits.MaxTotalBytes} bytes (zip bomb?)");
                }

                records.Add(OsvReader.Parse(bytes, $"{path}!{entry.FullName}"));
            }

            return records;
        }
    }

    // The size in the zip header is whatever the archive claims; count what decompression really produces.
    private static byte[] ReadBounded(ZipArchiveEntry entry, long limit, string path)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw Rejected(path, $"the entry '{entry.FullName}' expands beyond {limit} bytes (zip bomb?)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool EscapesFolder(string name)
    {
        var normalized = name.Replace('\\', '/');
        return normalized.StartsWith('/') || Path.IsPathRooted(name) || (normalized.Length >= 2 && normalized[1] == ':') ||
               normalized.Split('/').Any(segment => segment == "..");
    }

    private static InputFileException Rejected(string path, string problem) =>
        new(DiagnosticCodes.AdvisoryArchiveRejected, path, $"The advisory import '{path}' was refused: {problem}. Nothing was imported.");
}
