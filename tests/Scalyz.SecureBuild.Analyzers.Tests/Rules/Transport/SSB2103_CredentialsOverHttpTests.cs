using Scalyz.SecureBuild.Analyzers.Rules.Transport;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Transport;

public sealed class SSB2103_CredentialsOverHttpTests
{
    [Fact]
    public Task CredentialsToPlainHttp_Report() => Verify.AnalyzerAsync<CredentialsOverHttpAnalyzer>("""
        #pragma warning disable SYSLIB0014
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        class C
        {
            const string Endpoint = "http://partner.example.com/orders";
            void A(string user, string password) { var request = WebRequest.Create(Endpoint); request.Credentials = [|new NetworkCredential(user, password)|]; }
            void B(NetworkCredential credential) { var cache = new CredentialCache(); cache.Add([|new Uri("http://intranet.example.com/")|], "Basic", credential); }
            HttpRequestMessage D(string token)
            {
                var message = new HttpRequestMessage(HttpMethod.Get, "http://api.example.com/me");
                message.Headers.Authorization = [|new AuthenticationHeaderValue("Bearer", token)|];
                return message;
            }
            HttpClient E(string token)
            {
                var client = new HttpClient { BaseAddress = new Uri("http://api.example.com/") };
                [|client.DefaultRequestHeaders.Add("Authorization", "Bearer " + token)|];
                return client;
            }
            Uri F() => new Uri([|"http://admin:s3cret@backup.example.com/dump"|]);
        }
        """);

    [Fact]
    public Task HttpsOrLocalhost_DoNotReport() => Verify.AnalyzerAsync<CredentialsOverHttpAnalyzer>("""
        #pragma warning disable SYSLIB0014
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        class C
        {
            void A(string user, string password) { var request = WebRequest.Create("https://partner.example.com/orders"); request.Credentials = new NetworkCredential(user, password); }
            void B(NetworkCredential credential) { var cache = new CredentialCache(); cache.Add(new Uri("http://localhost:5000/"), "Basic", credential); }
            HttpRequestMessage D(string token)
            {
                var message = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/me");
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return message;
            }
        }
        """);

    [Fact]
    public Task PlainHttpWithoutCredentials_DoesNotReport() => Verify.AnalyzerAsync<CredentialsOverHttpAnalyzer>("""
        using System;
        using System.Net.Http;
        class C
        {
            HttpRequestMessage D() { var message = new HttpRequestMessage(HttpMethod.Get, "http://example.com/status"); message.Headers.Add("Accept", "text/plain"); return message; }
            Uri E() => new Uri("http://example.com/a@b");
        }
        """);

    [Fact]
    public Task HandlerOfHttpClientAndWebClientCalls_Report() => Verify.AnalyzerAsync<CredentialsOverHttpAnalyzer>("""
        #pragma warning disable SYSLIB0014
        using System;
        using System.Net;
        using System.Net.Http;
        class C
        {
            HttpClient A(string u, string p) => new HttpClient(new HttpClientHandler { Credentials = [|new NetworkCredential(u, p)|] }) { BaseAddress = new Uri("http://intranet.example.com/") };
            HttpClient B(string u, string p) => new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential(u, p) }) { BaseAddress = new Uri("https://intranet.example.com/") };
            string D(string u, string p) { using var w = new WebClient { Credentials = [|new NetworkCredential(u, p)|] }; return w.DownloadString("http://files.example.com/list"); }
            string E(string u, string p) { using var w = new WebClient { Credentials = new NetworkCredential(u, p) }; return w.DownloadString("https://files.example.com/list"); }
        }
        """);
}
