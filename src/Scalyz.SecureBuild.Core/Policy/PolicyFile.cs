using System.Text.Json;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;

namespace Scalyz.SecureBuild.Core.Policy;

/// <summary>
/// Reads the patch policy file (JSON, documented in src/docs/sla.md). Every field is optional and falls back to
/// <see cref="PatchPolicy.Default"/>; anything unknown or out of range is an <see cref="InputFileException"/>
/// (SSB0302) naming the file, the line and the field, so a typo never silently weakens the policy.
/// </summary>
public static class PolicyFile
{
    private const int MaxDays = 3650;

    /// <summary>Reads and validates the policy file at <paramref name="path"/>.</summary>
    public static PatchPolicy Read(string path)
    {
        var bytes = InputFileException.ReadAllBytes(DiagnosticCodes.SlaPolicyNotFound, path, "patch policy file");
        return Parse(bytes, path);
    }

    /// <summary>Parses and validates policy JSON; <paramref name="path"/> is used in error messages.</summary>
    public static PatchPolicy Parse(byte[] utf8, string path)
    {
        return FieldReader.Read(utf8, path, DiagnosticCodes.SlaPolicyInvalid, "a patch policy", "the policy",
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true },
            (fields, root) => new Reader(fields).Policy(root));
    }

    private sealed class Reader(FieldReader fields)
    {
        public PatchPolicy Policy(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, string.Empty, "an object");
            var defaults = PatchPolicy.Default;
            var classes = new Dictionary<AdvisorySeverity, PolicyClass>(defaults.Classes);
            var deadlines = new Dictionary<PolicyClass, ClassDeadline>(defaults.Deadlines);
            var clockStart = defaults.ClockStart;
            var warningDays = defaults.WarningDays;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "$schema":
                        break;
                    case "version":
                        fields.ExpectVersion1(property.Value, "policy file");
                        break;
                    case "clockStart":
                        clockStart = Enum("clockStart", property.Value, new Dictionary<string, ClockStart>
                        {
                            ["publication"] = ClockStart.Publication,
                            ["firstSeen"] = ClockStart.FirstSeen,
                        });
                        break;
                    case "warningDays":
                        warningDays = Days("warningDays", property.Value);
                        break;
                    case "severities":
                        Expect(property.Value, JsonValueKind.Object, "severities", "an object mapping severities to classes");
                        foreach (var mapping in property.Value.EnumerateObject())
                        {
                            var field = $"severities.{mapping.Name}";
                            var severity = SeverityNames.TryGetValue(mapping.Name, out var s)
                                ? s
                                : throw Error(field, $"is not a severity; use {string.Join(", ", SeverityNames.Keys.Select(k => $"'{k}'"))}");
                            classes[severity] = Enum(field, mapping.Value, ClassNames);
                        }

                        break;
                    case "classes":
                        Expect(property.Value, JsonValueKind.Object, "classes", "an object with critical, important and minor");
                        foreach (var entry in property.Value.EnumerateObject())
                        {
                            var field = $"classes.{entry.Name}";
                            var policyClass = ClassNames.TryGetValue(entry.Name, out var c)
                                ? c
                                : throw Error(field, $"is not a policy class; use {string.Join(", ", ClassNames.Keys.Select(k => $"'{k}'"))}");
                            deadlines[policyClass] = Deadline(field, entry.Value, deadlines[policyClass]);
                        }

                        break;
                    default:
                        throw Error(property.Name, "is not a policy setting; use version, clockStart, warningDays, severities or classes");
                }
            }

            return new PatchPolicy(classes, deadlines, clockStart, warningDays);
        }

        private ClassDeadline Deadline(string field, JsonElement value, ClassDeadline fallback)
        {
            Expect(value, JsonValueKind.Object, field, "an object with 'days' and optionally 'nextRelease'");
            var days = fallback.Days;
            var nextRelease = fallback.NextRelease;
            var sawDays = false;
            foreach (var property in value.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "days":
                        sawDays = true;
                        days = property.Value.ValueKind == JsonValueKind.Null ? null : Days($"{field}.days", property.Value);
                        break;
                    case "nextRelease":
                        nextRelease = property.Value.ValueKind switch
                        {
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            _ => throw Error($"{field}.nextRelease", $"must be true or false, not {property.Value.GetRawText()}"),
                        };
                        break;
                    default:
                        throw Error($"{field}.{property.Name}", "is not a deadline setting; use 'days' or 'nextRelease'");
                }
            }

            if (!nextRelease && days is null)
            {
                throw Error(sawDays ? $"{field}.days" : field, "needs a number of days when 'nextRelease' is false");
            }

            return new ClassDeadline(days, nextRelease);
        }

        private int Days(string field, JsonElement value) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days) && days is >= 0 and <= MaxDays
                ? days
                : throw Error(field, $"must be a whole number of days from 0 to {MaxDays}, not {value.GetRawText()}");

        private T Enum<T>(string field, JsonElement value, Dictionary<string, T> names) =>
            value.ValueKind == JsonValueKind.String && names.TryGetValue(value.GetString()!, out var result)
                ? result
                : throw Error(field, $"must be one of {string.Join(", ", names.Keys.Select(k => $"\"{k}\""))}, not {value.GetRawText()}");

        private void Expect(JsonElement value, JsonValueKind kind, string field, string what) =>
            fields.Expect(value, kind, field, $"{what}, not {value.GetRawText()}");

        private InputFileException Error(string field, string problem) => fields.Error(field, problem);
    }

    private static readonly Dictionary<string, AdvisorySeverity> SeverityNames = new(StringComparer.Ordinal)
    {
        ["critical"] = AdvisorySeverity.Critical,
        ["high"] = AdvisorySeverity.High,
        ["moderate"] = AdvisorySeverity.Moderate,
        ["low"] = AdvisorySeverity.Low,
        ["unknown"] = AdvisorySeverity.Unknown,
    };

    private static readonly Dictionary<string, PolicyClass> ClassNames = new(StringComparer.Ordinal)
    {
        ["critical"] = PolicyClass.Critical,
        ["important"] = PolicyClass.Important,
        ["minor"] = PolicyClass.Minor,
    };
}
