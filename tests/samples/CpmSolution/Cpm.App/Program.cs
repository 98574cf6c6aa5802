using Cpm.Lib;
using Newtonsoft.Json;

Console.WriteLine(JsonConvert.SerializeObject(Names.Title("central package management")));
