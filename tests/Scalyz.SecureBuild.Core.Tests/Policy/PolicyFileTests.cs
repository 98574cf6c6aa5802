using System.Text;
using Scalyz.SecureBuild.Core.Advisories;
using Scalyz.SecureBuild.Core.IO;
using Scalyz.SecureBuild.Core.Policy;

namespace Scalyz.SecureBuild.Core.Tests.Policy;

public sealed class PolicyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssb-policy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "securebuild-sla.json");
        File.WriteAllText(path, json);
        return path;
    }

    private InputFileException Invalid(string json)
    {
        var path = Write(json);
        var error = Assert.Throws<InputFileException>(() => PolicyFile.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void EmptyObject_GivesTheDefaults()
    {
        var policy = PolicyFile.Read(Write("{}"));

        Assert.Equal(ClockStart.Publication, policy.ClockStart);
        Assert.Equal(3, policy.WarningDays);
        Assert.Equal(PolicyClass.Critical, policy.ClassOf(AdvisorySeverity.Critical));
        Assert.Equal(PolicyClass.Important, policy.ClassOf(AdvisorySeverity.High));
        Assert.Equal(PolicyClass.Important, policy.ClassOf(AdvisorySeverity.Unknown));
        Assert.Equal(PolicyClass.Minor, policy.ClassOf(AdvisorySeverity.Moderate));
        Assert.Equal(PolicyClass.Minor, policy.ClassOf(AdvisorySeverity.Low));
        Assert.Equal(new ClassDeadline(0), policy.Deadlines[PolicyClass.Critical]);
        Assert.Equal(new ClassDeadline(30, NextRelease: true), policy.Deadlines[PolicyClass.Important]);
        Assert.Equal(new ClassDeadline(14), policy.Deadlines[PolicyClass.Minor]);
    }

    [Fact]
    public void FullFile_OverridesEverySetting()
    {
        var policy = PolicyFile.Read(Write("""
            {
              // comments are allowed
              "version": 1,
              "clockStart": "firstSeen",
              "warningDays": 5,
              "severities": { "unknown": "critical", "low": "minor" },
              "classes": {
                "important": { "nextRelease": true, "days": 45 },
                "minor": { "days": 7 }
              }
            }
            """));

        Assert.Equal(ClockStart.FirstSeen, policy.ClockStart);
        Assert.Equal(5, policy.WarningDays);
        Assert.Equal(PolicyClass.Critical, policy.ClassOf(AdvisorySeverity.Unknown));
        Assert.Equal(new ClassDeadline(45, NextRelease: true), policy.Deadlines[PolicyClass.Important]);
        Assert.Equal(new ClassDeadline(7), policy.Deadlines[PolicyClass.Minor]);
    }

    [Fact]
    public void MissingFile_IsSSB0301()
    {
        var path = Path.Combine(_folder, "nope.json");

        var error = Assert.Throws<InputFileException>(() => PolicyFile.Read(path));

        Assert.Equal(DiagnosticCodes.SlaPolicyNotFound, error.Code);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenJson_IsSSB0302WithTheLine()
    {
        var error = Invalid("{\n  \"warningDays\": 3,\n  \"clockStart\" \"publication\"\n}");

        Assert.Equal(DiagnosticCodes.SlaPolicyInvalid, error.Code);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void DaysNotANumber_NamesTheFieldAndLine()
    {
        var error = Invalid("{\n  \"classes\": {\n    \"minor\": {\n      \"days\": \"two weeks\"\n    }\n  }\n}");

        Assert.Equal(DiagnosticCodes.SlaPolicyInvalid, error.Code);
        Assert.Equal(4, error.Line);
        Assert.Contains("'classes.minor.days'", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"two weeks\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeWarningDays_NamesTheField()
    {
        var error = Invalid("{\n\n  \"warningDays\": -1\n}");

        Assert.Equal(3, error.Line);
        Assert.Contains("'warningDays'", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 0 to 3650", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSetting_IsRejectedSoATypoCannotWeakenThePolicy()
    {
        var error = Invalid("{\n  \"warningDay\": 3\n}");

        Assert.Equal(2, error.Line);
        Assert.Contains("'warningDay'", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a policy setting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSeverity_NamesTheMapping()
    {
        var error = Invalid("{\n  \"severities\": {\n    \"high\": \"important\",\n    \"severe\": \"critical\"\n  }\n}");

        Assert.Equal(4, error.Line);
        Assert.Contains("'severities.severe'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownClassName_ListsTheValidOnes()
    {
        var error = Invalid("{ \"severities\": { \"high\": \"urgent\" } }");

        Assert.Equal(1, error.Line);
        Assert.Contains("\"critical\", \"important\", \"minor\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongClockStart_ListsTheValidOnes()
    {
        var error = Invalid("{ \"clockStart\": \"discovery\" }");

        Assert.Contains("'clockStart'", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"publication\", \"firstSeen\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassWithoutDaysOrRelease_IsRejected()
    {
        var error = Invalid("{\n  \"classes\": {\n    \"minor\": { \"days\": null }\n  }\n}");

        Assert.Equal(3, error.Line);
        Assert.Contains("'classes.minor.days' in", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs a number of days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedVersion_IsRejected()
    {
        var error = Invalid("{ \"version\": 2 }");

        Assert.Contains("'version'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RootNotAnObject_IsRejected()
    {
        var error = Invalid("[1, 2]");

        Assert.Contains("must be an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameAsRead()
    {
        var policy = PolicyFile.Parse(Encoding.UTF8.GetBytes("{ \"warningDays\": 0 }"), "inline.json");

        Assert.Equal(0, policy.WarningDays);
    }
}
