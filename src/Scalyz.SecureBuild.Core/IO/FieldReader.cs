using System.Globalization;
using System.Text.Json;

namespace Scalyz.SecureBuild.Core.IO;

/// <summary>Reads typed fields of JSON records and turns every problem into an <see cref="InputFileException"/> naming the line and field.</summary>
internal sealed class FieldReader(string path, Lazy<JsonLineMap> lines, string code, string what)
{
    /// <summary>Parses <paramref name="utf8"/> and hands its root to <paramref name="read"/>; a syntax error names the line.</summary>
    public static T Read<T>(byte[] utf8, string path, string code, string fileKind, string what, JsonDocumentOptions options, Func<FieldReader, JsonElement, T> read)
    {
        using var document = JsonInput.Parse(utf8, code, path, fileKind, options);
        // Lines are only needed for an error message, so the map is built then, not on every (large ledger) read.
        return read(new FieldReader(path, new Lazy<JsonLineMap>(() => JsonLineMap.Build(JsonInput.WithoutBom(utf8).Span)), code, what), document.RootElement);
    }

    public IReadOnlyList<T> Array<T>(JsonElement parent, string name, Func<FieldReader, JsonElement, string, T> read)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Error(name, "must be an array");
        }

        var result = new List<T>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var field = $"{name}[{index++}]";
            Expect(element, JsonValueKind.Object, field, "an object");
            result.Add(read(this, element, field));
        }

        return result;
    }

    public string String(JsonElement e, string field, string name) =>
        OptionalString(e, field, name) is { Length: > 0 } value ? value : throw Error($"{field}.{name}", "must be a non-empty string");

    public string? OptionalString(JsonElement e, string field, string name) =>
        !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Error($"{field}.{name}", $"must be a string, not {value.GetRawText()}");

    public IReadOnlyList<string> StringArray(JsonElement e, string field, string name)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw Error($"{field}.{name}", "must be an array of strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public DateTimeOffset Time(JsonElement e, string field, string name) =>
        OptionalTime(e, field, name) ?? throw Error($"{field}.{name}", "must be an ISO 8601 UTC time such as 2026-11-21T10:00:00Z");

    public int Int(JsonElement e, string field, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Error($"{field}.{name}", "must be a whole number of 0 or more");

    public bool Bool(JsonElement e, string field, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw Error($"{field}.{name}", "must be true or false");

    public DateTimeOffset? OptionalTime(JsonElement e, string field, string name)
    {
        var text = OptionalString(e, field, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToUniversalTime()
            : throw Error($"{field}.{name}", $"must be an ISO 8601 UTC time such as 2026-11-21T10:00:00Z, not \"{text}\"");
    }

    public T Enum<T>(JsonElement e, string field, string name)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(OptionalString(e, field, name), ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw Error($"{field}.{name}", $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}");

    /// <summary>Checks a file's "version" field, which must be 1 (the only version of <paramref name="file"/> so far).</summary>
    public void ExpectVersion1(JsonElement value, string file)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var version) || version != 1)
        {
            throw Error("version", $"must be 1 (the only {file} version), not {value.GetRawText()}");
        }
    }

    public void Expect(JsonElement value, JsonValueKind kind, string field, string description)
    {
        if (value.ValueKind != kind)
        {
            throw Error(field, $"must be {description}");
        }
    }

    public InputFileException Error(string field, string problem)
    {
        var line = lines.Value.LineOf(field);
        var where = field.Length == 0 ? $"The content of {what}" : $"'{field}'";
        var at = line is null ? string.Empty : $" (line {line})";
        return new InputFileException(code, path, $"{where} in '{path}'{at} {problem}.", line);
    }
}
