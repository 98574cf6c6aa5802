using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

using var factory = LoggerFactory.Create(_ => { });
var logger = factory.CreateLogger("MultiTargetApp");
logger.LogInformation("Starting");
Console.WriteLine(JsonConvert.SerializeObject(new { Framework = Environment.Version.ToString() }));
Console.WriteLine(MultiTargetLib.Greeting.For("SBOM", TimeSpan.FromMinutes(90)));
