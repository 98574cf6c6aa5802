using System.Globalization;
using System.Text.Json;
using NuGet.Versioning;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Advisories;

/// <summary>
/// Reads OSV records. Strict where a mistake would change what matches (id, modified, affected packages, range events,
/// NuGet versions): such a record is refused with SSB0201 naming the file. Tolerant of everything else: unknown fields,
/// newer schema versions, other ecosystems' odd versions, an empty CVSS score.
/// </summary>
public static class OsvReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>Reads one record file.</summary>
    public static OsvRecord ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(DiagnosticCodes.AdvisoryDataInvalid, path, $"The advisory record '{path}' cannot be read: {e.Message}", inner: e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Reads one record from its JSON text; <paramref name="source"/> names it in errors (a file or an archive entry).</summary>
    public static OsvRecord Parse(ReadOnlyMemory<byte> json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return FromElement(document.RootElement, source);
        }
        catch (JsonException e)
        {
            throw InputFileException.FromJson(DiagnosticCodes.AdvisoryDataInvalid, source, "an OSV advisory record", e);
        }
    }

    /// <summary>Reads one record from an already parsed JSON object.</summary>
    public static OsvRecord FromElement(JsonElement record, string source)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, null, "an OSV record must be a JSON object");
        }

        var id = RequiredString(record, "id", source, null);
        var modified = RequiredTimestamp(record, "modified", source, id);
        var published = OptionalTimestamp(record, "published", source, id);
        var withdrawn = OptionalTimestamp(record, "withdrawn", source, id);
        var aliases = StringArray(record, "aliases", source, id);
        var summary = OptionalString(record, "summary", source, id);
        if (string.IsNullOrWhiteSpace(summary))
        {
            var details = OptionalString(record, "details", source, id);
            summary = string.IsNullOrWhiteSpace(details) ? id : details.Split('\n')[0].Trim();
        }

        var severity = new List<OsvSeverity>();
        foreach (var item in Array(record, "severity", source, id))
        {
            var type = RequiredString(item, "type", source, id);
            // GHSA-43cp-6p3q-2pc4 was published with an empty score: it carries no vector, which is not an error.
            var score = OptionalString(item, "score", source, id);
            if (!string.IsNullOrWhiteSpace(score))
            {
                severity.Add(new OsvSeverity(type, score.Trim()));
            }
        }

        string? gitHubSeverity = null;
        if (record.TryGetProperty("database_specific", out var databaseSpecific) && databaseSpecific.ValueKind == JsonValueKind.Object &&
            databaseSpecific.TryGetProperty("severity", out var grade) && grade.ValueKind == JsonValueKind.String)
        {
            gitHubSeverity = grade.GetString();
        }

        var affected = new List<OsvAffected>();
        foreach (var item in Array(record, "affected", source, id))
        {
            affected.Add(ReadAffected(item, source, id));
        }

        return new OsvRecord(id, modified, published, withdrawn, aliases, summary.Trim(), severity, gitHubSeverity, affected);
    }

    private static OsvAffected ReadAffected(JsonElement item, string source, string id)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("package", out var package) || package.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, id, "every 'affected' entry needs a 'package' object");
        }

        var ecosystem = RequiredString(package, "ecosystem", source, id);
        var name = RequiredString(package, "name", source, id);
        var nuget = string.Equals(ecosystem, "NuGet", StringComparison.OrdinalIgnoreCase);
        var ranges = new List<OsvRange>();
        foreach (var range in Array(item, "ranges", source, id))
        {
            var type = RequiredString(range, "type", source, id);
            var events = new List<OsvEvent>();
            foreach (var e in Array(range, "events", source, id))
            {
                events.Add(ReadEvent(e, source, id, nuget && type == "ECOSYSTEM", name));
            }

            if (events.Count == 0)
            {
                throw Invalid(source, id, $"a range of '{name}' has no events");
            }

            ranges.Add(new OsvRange(type, events));
        }

        var versions = StringArray(item, "versions", source, id);
        if (nuget)
        {
            foreach (var version in versions)
            {
                if (!NuGetVersion.TryParse(version, out _))
                {
                    throw Invalid(source, id, $"'{version}' in the versions of '{name}' is not a NuGet version");
                }
            }
        }

        return new OsvAffected(ecosystem, name, ranges, versions);
    }

    private static OsvEvent ReadEvent(JsonElement e, string source, string id, bool nugetVersions, string package)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, id, $"a range event of '{package}' is not an object");
        }

        OsvEvent? found = null;
        foreach (var property in e.EnumerateObject())
        {
            OsvEventKind? kind = property.Name switch
            {
                "introduced" => OsvEventKind.Introduced,
                "fixed" => OsvEventKind.Fixed,
                "last_affected" => OsvEventKind.LastAffected,
                "limit" => OsvEventKind.Limit,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            if (found is not null)
            {
                throw Invalid(source, id, $"a range event of '{package}' has more than one of introduced/fixed/last_affected/limit");
            }

            if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
            {
                throw Invalid(source, id, $"'{property.Name}' of '{package}' must be a non-empty string");
            }

            var version = property.Value.GetString()!.Trim();
            if (nugetVersions && !(kind == OsvEventKind.Introduced && version == "0") && !(kind == OsvEventKind.Limit && version == "*") &&
                !NuGetVersion.TryParse(version, out _))
            {
                throw Invalid(source, id, $"'{property.Name}: {version}' of '{package}' is not a NuGet version");
            }

            found = new OsvEvent(kind.Value, version);
        }

        return found ?? throw Invalid(source, id, $"a range event of '{package}' has none of introduced/fixed/last_affected/limit");
    }

    private static InputFileException Invalid(string source, string? id, string problem) =>
        new(DiagnosticCodes.AdvisoryDataInvalid, source, $"The advisory record {(id is null ? string.Empty : $"'{id}' ")}in '{source}' is not a valid OSV record: {problem}.");

    private static string RequiredString(JsonElement parent, string name, string source, string? id)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
            !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString()!.Trim();
        }

        throw Invalid(source, id, $"'{name}' is missing or not a non-empty string");
    }

    private static string? OptionalString(JsonElement parent, string name, string source, string id)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(source, id, $"'{name}' must be a string");
    }

    private static DateTimeOffset RequiredTimestamp(JsonElement parent, string name, string source, string id) =>
        OptionalTimestamp(parent, name, source, id) ?? throw Invalid(source, id, $"'{name}' is missing");

    private static DateTimeOffset? OptionalTimestamp(JsonElement parent, string name, string source, string id)
    {
        var text = OptionalString(parent, name, source, id);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw Invalid(source, id, $"'{name}' is not an RFC 3339 timestamp ('{text}')");
    }

    private static JsonElement[] Array(JsonElement parent, string name, string source, string id)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : throw Invalid(source, id, $"'{name}' must be an array");
    }

    private static List<string> StringArray(JsonElement parent, string name, string source, string id)
    {
        var result = new List<string>();
        foreach (var item in Array(parent, name, source, id))
        {
            result.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(source, id, $"'{name}' must hold strings"));
        }

        return result;
    }
}
