using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Scalyz.SecureBuild.Tests.Shared;

namespace Scalyz.SecureBuild.Core.Tests.Advisories;

/// <summary>
/// A local HTTP server on 127.0.0.1 answering as osv.dev's API does (POST /v1/querybatch, GET /v1/vulns/{id}), with a
/// handler per test deciding the status, body and delay of each answer.
/// </summary>
internal sealed class FakeOsvServer : IDisposable
{
    private readonly Func<Request, Response> _handler;
    private readonly LoopbackServer _server;

    public FakeOsvServer(Func<Request, Response> handler)
    {
        _handler = handler;
        _server = new LoopbackServer(Answer);
    }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<Request> Requests { get; } = new();

    public void Dispose() => _server.Dispose();

    private async Task Answer(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var request = new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync(), headers);
        Requests.Enqueue(request);
        var response = _handler(request);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay);
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.Bytes is null ? "application/json" : "application/zip";
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        var bytes = response.Bytes ?? Encoding.UTF8.GetBytes(response.Body);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public sealed record Request(string Method, string Path, string Body, IReadOnlyDictionary<string, string>? Headers = null);

    /// <summary>An answer: a JSON body, or <paramref name="Bytes"/> (a zip) with extra <paramref name="Headers"/> (ETag, Last-Modified).</summary>
    public sealed record Response(int Status, string Body, TimeSpan Delay = default, byte[]? Bytes = null, IReadOnlyDictionary<string, string>? Headers = null);
}
