using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Injection;

public sealed class SSB2306_PathTraversalTests
{
    [Fact]
    public Task ActionParameterAndUploadNameIntoFileApis_Reports() => Verify.AnalyzerAsync<PathTraversalAnalyzer>("""
        using System.IO;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        public class FilesController : ControllerBase
        {
            public IActionResult Get(string name) => File(System.IO.File.ReadAllBytes([|Path.Combine("/srv/files", name)|]), "application/octet-stream");
            public void Upload(IFormFile file)
            {
                var target = Path.Combine("/srv/uploads", file.FileName);
                using var stream = new FileStream([|target|], FileMode.Create);
            }
            public void Delete() => System.IO.File.Delete([|Path.Combine("/srv", Request.Query["f"].ToString())|]);
        }
        """);

    [Fact]
    public Task SanitizedOrNotRequestData_DoesNotReport() => Verify.AnalyzerAsync<PathTraversalAnalyzer>("""
        using System.IO;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        public class FilesController : ControllerBase
        {
            public IActionResult Get(string name) => File(System.IO.File.ReadAllBytes(Path.Combine("/srv/files", Path.GetFileName(name))), "application/octet-stream");
            public void Upload(IFormFile file) => System.IO.File.Create(Path.Combine("/srv/uploads", Path.GetRandomFileName()));
            private void Helper(string name) => System.IO.File.Delete(Path.Combine("/srv", name));
        }
        class Service { public void Save(string name) => File.WriteAllText(Path.Combine("/srv", name), ""); }
        """);
}
