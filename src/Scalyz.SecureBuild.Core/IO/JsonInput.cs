using System.Text.Json;

namespace Scalyz.SecureBuild.Core.IO;

/// <summary>
/// Parses a JSON file the tool reads (policy, gate policy, ledger, findings, SBOM) the strict way: a UTF-8 byte-order
/// mark is accepted, and a key given twice in one object is an error naming the key and its line, because with
/// "last one wins" a typo or a planted second value could silently weaken a policy.
/// </summary>
public static class JsonInput
{
    /// <summary><paramref name="utf8"/> without a leading UTF-8 byte-order mark.</summary>
    public static ReadOnlyMemory<byte> WithoutBom(byte[] utf8) =>
        utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? utf8.AsMemory(3) : utf8;

    /// <summary>Parses <paramref name="utf8"/> (a BOM is skipped).</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="code">The SSB code for an error.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="what">What the file should be ("a patch policy"), for messages.</param>
    /// <param name="options">Comment and trailing-comma handling.</param>
    /// <exception cref="InputFileException">Not valid JSON, or a key repeated in one object.</exception>
    public static JsonDocument Parse(byte[] utf8, string code, string path, string what, JsonDocumentOptions options = default)
    {
        var json = WithoutBom(utf8);
        try
        {
            RejectDuplicateKeys(json.Span, code, path, what, options);
            return JsonDocument.Parse(json, options);
        }
        catch (JsonException e)
        {
            throw InputFileException.FromJson(code, path, what, e);
        }
    }

    private static void RejectDuplicateKeys(ReadOnlySpan<byte> json, string code, string path, string what, JsonDocumentOptions options)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            CommentHandling = options.CommentHandling == JsonCommentHandling.Allow ? JsonCommentHandling.Skip : options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
            MaxDepth = options.MaxDepth,
        });
        var objects = new Stack<HashSet<string>?>();
        var line = 1L;
        var counted = 0L;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    objects.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    objects.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    if (objects.Peek() is { } keys && !keys.Add(name))
                    {
                        for (; counted < reader.TokenStartIndex; counted++)
                        {
                            if (json[(int)counted] == (byte)'\n')
                            {
                                line++;
                            }
                        }

                        throw new InputFileException(
                            code,
                            path,
                            $"'{path}' gives the key \"{name}\" twice in one object (line {line}), so it cannot be read as {what}: which value is meant is ambiguous. Remove one of them.",
                            line);
                    }

                    break;
            }
        }
    }
}
