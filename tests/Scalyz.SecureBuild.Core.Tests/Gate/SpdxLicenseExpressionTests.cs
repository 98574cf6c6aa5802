using Scalyz.SecureBuild.Core.Gate;

namespace Scalyz.SecureBuild.Core.Tests.Gate;

public sealed class SpdxLicenseExpressionTests
{
    private static bool NotAgpl(string id) => id != "AGPL-3.0-only";

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("AGPL-3.0-only", false)]
    [InlineData("MIT OR AGPL-3.0-only", true)]
    [InlineData("MIT AND AGPL-3.0-only", false)]
    [InlineData("(MIT AND Apache-2.0) OR AGPL-3.0-only", true)]
    [InlineData("MIT AND (Apache-2.0 OR AGPL-3.0-only)", true)]
    [InlineData("(MIT OR AGPL-3.0-only) AND AGPL-3.0-only", false)]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0", true)]
    [InlineData("AGPL-3.0-only+ WITH Some-exception OR Apache-2.0", true)]
    [InlineData("mit or AGPL-3.0-only", true)]
    public void Expression_AcceptableWhenAnAllowedChoiceExists(string expression, bool expected) =>
        Assert.Equal(expected, SpdxLicenseExpression.IsAcceptable(expression, NotAgpl));

    [Theory]
    [InlineData("")]
    [InlineData("MIT OR")]
    [InlineData("(MIT")]
    [InlineData("MIT)")]
    [InlineData("AND MIT")]
    [InlineData("MIT WITH")]
    public void MalformedExpression_Throws(string expression) =>
        Assert.Throws<FormatException>(() => SpdxLicenseExpression.IsAcceptable(expression, NotAgpl));
}
