using System.Text.Json;

namespace Scalyz.SecureBuild.Core.IO;

/// <summary>
/// The 1-based line of every value in a JSON document, by path ("classes.minor.days", "findings[3].severity"), so
/// validation errors can point at the line of the field at fault; <see cref="JsonDocument"/> keeps no positions.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>Maps <paramref name="utf8"/>; it must already have parsed as JSON.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<(string Path, bool IsArray, int Next)>();
        var line = 1;
        var counted = 0;
        string? name = null;
        while (reader.Read())
        {
            for (; counted < reader.TokenStartIndex; counted++)
            {
                if (utf8[counted] == (byte)'\n')
                {
                    line++;
                }
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                name = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.Pop();
                continue;
            }

            string path;
            if (frames.Count == 0)
            {
                path = string.Empty;
            }
            else
            {
                var frame = frames.Pop();
                path = frame.IsArray ? $"{frame.Path}[{frame.Next}]" : frame.Path.Length == 0 ? name! : $"{frame.Path}.{name}";
                frames.Push(frame with { Next = frame.Next + 1 });
            }

            map._lines.TryAdd(path, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }

        return map;
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest mapped parent.</summary>
    public int? LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            if (path.Length == 0)
            {
                return null;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? string.Empty : path[..cut];
        }
    }
}
