using Scalyz.SecureBuild.Core.Sbom;

namespace Scalyz.SecureBuild.Core.Tests.Sbom;

public sealed class NuspecReaderTests
{
    [Theory]
    [InlineData("https://licenses.nuget.org/MIT", "MIT")]
    [InlineData("https://licenses.nuget.org/Apache-2.0%20OR%20MIT", "Apache-2.0 OR MIT")]
    [InlineData("http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0")]
    [InlineData("https://opensource.org/licenses/MIT", "MIT")]
    [InlineData("https://github.com/dotnet/corefx/blob/master/LICENSE.TXT", "MIT")]
    public void SpdxFromLicenseUrl_WellKnownUrl_MapsToSpdx(string url, string expected) =>
        Assert.Equal(expected, NuspecReader.SpdxFromLicenseUrl(url));

    [Theory]
    [InlineData("http://go.microsoft.com/fwlink/?LinkId=329770")]
    [InlineData("https://contoso.example/eula")]
    public void SpdxFromLicenseUrl_UnknownUrl_IsNullNotNoassertion(string url) => Assert.Null(NuspecReader.SpdxFromLicenseUrl(url));

    [Fact]
    public void Read_LicenseFileOutsideThePackage_IsNotFollowed()
    {
        var folder = Directory.CreateTempSubdirectory("ssb-nuspec-").FullName;
        try
        {
            var package = Directory.CreateDirectory(Path.Combine(folder, "pkg")).FullName;
            File.WriteAllText(Path.Combine(folder, "secret.txt"), "not a license");
            File.WriteAllText(Path.Combine(package, "pkg.nuspec"), "<package><metadata><id>Pkg</id><license type=\"file\">../secret.txt</license></metadata></package>");

            var metadata = NuspecReader.Read(Path.Combine(package, "pkg.nuspec"));

            Assert.Equal(new PackageLicense(null, "../secret.txt", null, null), metadata.License);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
