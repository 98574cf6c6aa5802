using Scalyz.SecureBuild.Analyzers.Rules.Transport;
using Scalyz.SecureBuild.CodeFixes.Rules.Transport;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Transport;

public sealed class SSB2101_CertificateValidationDisabledTests
{
    [Fact]
    public Task AlwaysTrueCallbacks_Report() => Verify.AnalyzerAsync<CertificateValidationDisabledAnalyzer>("""
        #pragma warning disable SYSLIB0014
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler { ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => true|] };
            void B() { ServicePointManager.ServerCertificateValidationCallback = [|delegate { return true; }|]; }
            void D(HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|]; }
            SslStream E(System.IO.Stream s) => new SslStream(s, false, [|AcceptAll|]);
            static bool AcceptAll(object sender, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) { System.Console.WriteLine(e); return true; }
            SocketsHttpHandler F() => new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = [|(s, c, ch, e) => true|] } };
            void G()
            {
                RemoteCertificateValidationCallback trustAll = [|(s, c, ch, e) => true|];
                ServicePointManager.ServerCertificateValidationCallback += trustAll;
            }
        }
        """);

    [Fact]
    public Task ExpressionBodiedMethodGroup_Reports() => Verify.AnalyzerAsync<CertificateValidationDisabledAnalyzer>("""
        using System.IO;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;
        class C
        {
            SslStream E(Stream s) => new SslStream(s, false, [|Trust|]);
            static bool Trust(object sender, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) => true;
            SslStream F(Stream s) => new SslStream(s, false, Check);
            static bool Check(object sender, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) => e == SslPolicyErrors.None;
        }
        """);

    [Fact]
    public Task CallbacksThatCheckErrors_DoNotReport() => Verify.AnalyzerAsync<CertificateValidationDisabledAnalyzer>("""
        using System.Net.Http;
        using System.Net.Security;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler { ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == SslPolicyErrors.None };
            HttpClientHandler B(string thumbprint) => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (m, c, ch, e) =>
                {
                    if (e == SslPolicyErrors.None) return true;
                    return c?.GetCertHashString() == thumbprint;
                },
            };
        }
        """);

    [Fact]
    public Task AlwaysTrueDelegateOfAnotherKind_DoesNotReport() => Verify.AnalyzerAsync<CertificateValidationDisabledAnalyzer>("""
        using System;
        class C { Func<string, bool> A() => s => true; Predicate<int> B() => _ => true; }
        """);

    [Fact]
    public Task BypassInInitializer_FixesByRemovingIt() => Verify.CodeFixAsync<CertificateValidationDisabledAnalyzer, CertificateValidationDisabledCodeFix>("""
        using System.Net.Http;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler
            {
                UseProxy = false,
                ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => true|],
            };
        }
        """, """
        using System.Net.Http;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler
            {
                UseProxy = false,
            };
        }
        """);

    [Fact]
    public Task BypassStatement_FixesByRemovingIt() => Verify.CodeFixAsync<CertificateValidationDisabledAnalyzer, CertificateValidationDisabledCodeFix>("""
        #pragma warning disable SYSLIB0014
        using System.Net;
        class C
        {
            void A()
            {
                ServicePointManager.ServerCertificateValidationCallback = [|(s, c, ch, e) => true|];
                ServicePointManager.Expect100Continue = false;
            }
        }
        """, """
        #pragma warning disable SYSLIB0014
        using System.Net;
        class C
        {
            void A()
            {
                ServicePointManager.Expect100Continue = false;
            }
        }
        """);
}
