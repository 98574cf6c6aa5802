using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

public sealed class SSB2602_CleartextTransportTests
{
    [Fact]
    public Task HttpAddressesHandedToClients_Reports() => Verify.AnalyzerAsync<CleartextTransportAnalyzer>("""
        #pragma warning disable SYSLIB0014
        using System;
        using System.Net;
        using System.Net.Http;
        class C
        {
            const string Api = "http://api.example.com";
            async System.Threading.Tasks.Task M(HttpClient client, string id)
            {
                client.BaseAddress = [|new Uri("http://partner.example.com/")|];
                await client.GetStringAsync([|$"http://api.example.com/orders/{id}"|]);
                await client.PostAsync([|Api + "/login"|], null);
                var request = new HttpRequestMessage(HttpMethod.Get, [|"http://10.0.0.5/health"|]);
                var legacy = WebRequest.Create([|"ftp://files.example.com/report.csv"|]);
            }
        }
        """);

    [Fact]
    public Task SmtpWithoutSsl_Reports() => Verify.AnalyzerAsync<CleartextTransportAnalyzer>("""
        using System.Net.Mail;
        class C { void M() { var smtp = new SmtpClient("smtp.example.com") { EnableSsl = [|false|] }; } }
        """);

    [Fact]
    public Task HttpsLoopbackOrUnknown_DoesNotReport() => Verify.AnalyzerAsync<CleartextTransportAnalyzer>("""
        using System;
        using System.Net.Http;
        using System.Net.Mail;
        class C
        {
            async System.Threading.Tasks.Task M(HttpClient client, string configured)
            {
                await client.GetStringAsync("https://api.example.com/orders");
                await client.GetStringAsync("http://localhost:5000/health");
                await client.GetStringAsync("http://127.0.0.1/metrics");
                await client.GetStringAsync(configured);
                client.BaseAddress = new Uri("https://partner.example.com/");
                var smtp = new SmtpClient("smtp.example.com") { EnableSsl = true };
                var ns = "http://schemas.example.com/2020/order";
            }
        }
        """);

    [Fact]
    public Task HttpSchemeWithRuntimeHost_Reports() => Verify.AnalyzerAsync<CleartextTransportAnalyzer>("""
        using System;
        using System.Net.Http;
        class C { HttpClient M(string host) => new HttpClient { BaseAddress = [|new Uri("http://" + host + "/api/")|] }; }
        """);
}
