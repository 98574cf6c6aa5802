using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>What <c>securebuild db update</c> did.</summary>
/// <param name="NotModified">True when the server answered 304: the imported data is current and was kept.</param>
/// <param name="Imported">The import of the downloaded dump, or null when not modified.</param>
/// <param name="Bytes">The bytes downloaded.</param>
public sealed record OsvDumpUpdate(bool NotModified, OsvImportResult? Imported, long Bytes);

/// <summary>
/// Downloads osv.dev's NuGet dump and imports it as <see cref="OsvDumpImporter"/> does. The request is conditional: the
/// ETag and Last-Modified of the last successful import are kept next to the cache file, so an unchanged dump costs a
/// 304. The download goes to a temporary file in the cache folder and passes every check of an import before the
/// cache file is replaced atomically; any failure leaves the previous import (and its validators) as they were.
/// </summary>
public static class OsvDumpUpdater
{
    /// <summary>osv.dev's NuGet dump.</summary>
    public static readonly Uri DefaultAddress = new("https://osv-vulnerabilities.storage.googleapis.com/NuGet/all.zip");

    /// <summary>The file, next to the imported data, holding the validators of the last download.</summary>
    public const string StateFileName = "osv-dump.http.json";

    /// <summary>Downloads <paramref name="address"/> into <paramref name="cacheFolder"/> unless the imported copy is current.</summary>
    /// <param name="http">The client (its timeout applies to the whole download).</param>
    /// <param name="address">The dump's address.</param>
    /// <param name="cacheFolder">The advisory cache.</param>
    /// <param name="progress">Called with the bytes received so far and the total, when the server says it.</param>
    /// <param name="now">The time of the import; no data is dated later.</param>
    /// <param name="limits">The import limits; also the largest download accepted.</param>
    /// <exception cref="AdvisorySourceUnavailableException">The server could not be reached or did not answer 200 or 304.</exception>
    /// <exception cref="InputFileException">The download is not a usable dump (SSB0201, SSB0204, SSB0206).</exception>
    public static OsvDumpUpdate Update(HttpClient http, Uri address, string cacheFolder, Action<long, long?>? progress, DateTimeOffset now, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var statePath = Path.Combine(cacheFolder, StateFileName);
        var state = File.Exists(OsvDumpImporter.CacheFile(cacheFolder)) ? ReadState(statePath, address) : null;
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (state?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (state?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        Directory.CreateDirectory(cacheFolder);
        var download = Path.Combine(cacheFolder, $".osv-dump.{Guid.NewGuid():N}.download");
        try
        {
            long received;
            string? newTag;
            DateTimeOffset? newModified;
            try
            {
                using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new OsvDumpUpdate(true, null, 0);
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new AdvisorySourceUnavailableException($"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                newTag = response.Headers.ETag?.ToString();
                newModified = response.Content.Headers.LastModified;
                var total = response.Content.Headers.ContentLength;
                if (total > limits.MaxTotalBytes)
                {
                    throw new InputFileException(DiagnosticCodes.AdvisoryArchiveRejected, address.ToString(),
                        $"The advisory download '{address}' declares {total} bytes, more than the limit of {limits.MaxTotalBytes}. Nothing was imported.");
                }

                received = Copy(response.Content.ReadAsStream(), download, total, limits.MaxTotalBytes, address, progress);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && e is not InputFileException)
            {
                throw new AdvisorySourceUnavailableException($"{address} could not be downloaded: {e.Message}", e);
            }

            var imported = OsvDumpImporter.Import(download, cacheFolder, limits, now, address.ToString());
            AtomicFile.WriteAllBytes(statePath, WriteState(address, newTag, newModified));
            return new OsvDumpUpdate(false, imported, received);
        }
        finally
        {
            if (File.Exists(download))
            {
                File.Delete(download);
            }
        }
    }

    private static long Copy(Stream source, string path, long? total, long limit, Uri address, Action<long, long?>? progress)
    {
        using (source)
        using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            var buffer = new byte[81920];
            long received = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                received += read;
                if (received > limit)
                {
                    throw new InputFileException(DiagnosticCodes.AdvisoryArchiveRejected, address.ToString(),
                        $"The advisory download '{address}' is larger than the limit of {limit} bytes. Nothing was imported.");
                }

                target.Write(buffer, 0, read);
                progress?.Invoke(received, total);
            }

            return received;
        }
    }

    private sealed record State(string? ETag, DateTimeOffset? LastModified);

    // Validators from another address, or a damaged state file, are ignored: the next download is then unconditional.
    private static State? ReadState(string path, Uri address)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("url", out var url) || url.GetString() != address.ToString())
            {
                return null;
            }

            var etag = root.TryGetProperty("etag", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var modified = root.TryGetProperty("lastModified", out var m) && m.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(m.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
            return new State(etag, modified);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static byte[] WriteState(Uri address, string? etag, DateTimeOffset? lastModified)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("url", address.ToString());
            writer.WriteString("etag", etag);
            writer.WriteString("lastModified", lastModified?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
