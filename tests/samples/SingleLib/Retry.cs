using System;
using Newtonsoft.Json;
using Polly;

namespace SingleLib;

/// <summary>Serializes a value, retrying a flaky sink.</summary>
public static class Retry
{
    public static string Save(object value, Action<string> sink)
    {
        var json = JsonConvert.SerializeObject(value);
        new ResiliencePipelineBuilder().AddRetry(new()).Build().Execute(() => sink(json));
        return json;
    }
}
