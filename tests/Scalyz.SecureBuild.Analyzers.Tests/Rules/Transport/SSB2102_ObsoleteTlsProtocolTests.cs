using Scalyz.SecureBuild.Analyzers.Rules.Transport;
using Scalyz.SecureBuild.CodeFixes.Rules.Transport;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Transport;

public sealed class SSB2102_ObsoleteTlsProtocolTests
{
    [Fact]
    public Task ObsoleteProtocolsEnabled_Report() => Verify.AnalyzerAsync<ObsoleteTlsProtocolAnalyzer>("""
        #pragma warning disable SYSLIB0039, CS0618
        using System.Net;
        using System.Net.Http;
        using System.Security.Authentication;
        class C
        {
            void A() { ServicePointManager.SecurityProtocol = [|SecurityProtocolType.Tls|] | SecurityProtocolType.Tls12; }
            void B() { ServicePointManager.SecurityProtocol |= [|SecurityProtocolType.Tls11|]; }
            HttpClientHandler D() => new HttpClientHandler { SslProtocols = [|SslProtocols.Ssl3|] };
            void E() { var p = [|SslProtocols.Tls11|] | SslProtocols.Tls12; new HttpClientHandler().SslProtocols = p; }
            void F() { ServicePointManager.SecurityProtocol = (SecurityProtocolType)3072 | [|(SecurityProtocolType)768|]; }
        }
        """);

    [Fact]
    public Task ModernOrDefaultProtocols_DoNotReport() => Verify.AnalyzerAsync<ObsoleteTlsProtocolAnalyzer>("""
        using System.Net;
        using System.Net.Http;
        using System.Security.Authentication;
        class C
        {
            void A() { ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault; }
            HttpClientHandler D() => new HttpClientHandler { SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 };
            void F() { ServicePointManager.SecurityProtocol = (SecurityProtocolType)3072; }
        }
        """);

    [Fact]
    public Task ComparingOrRemovingObsoleteProtocols_DoesNotReport() => Verify.AnalyzerAsync<ObsoleteTlsProtocolAnalyzer>("""
        #pragma warning disable SYSLIB0039, CS0618
        using System.Net;
        using System.Net.Security;
        using System.Security.Authentication;
        class C
        {
            void A() { ServicePointManager.SecurityProtocol &= ~(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls); }
            bool B(SslStream s) => s.SslProtocol == SslProtocols.Tls;
            string D(SslProtocols p) => p switch { SslProtocols.Tls11 => "old", _ => "ok" };
        }
        """);

    [Fact]
    public Task FlagCombination_FixesToSystemDefault() => Verify.CodeFixAsync<ObsoleteTlsProtocolAnalyzer, ObsoleteTlsProtocolCodeFix>("""
        #pragma warning disable SYSLIB0014
        using System.Net;
        class C { void A() { ServicePointManager.SecurityProtocol = [|SecurityProtocolType.Tls|] | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12; } }
        """, """
        #pragma warning disable SYSLIB0014
        using System.Net;
        class C { void A() { ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault; } }
        """);

    [Fact]
    public Task SslProtocolsInInitializer_FixesToNone() => Verify.CodeFixAsync<ObsoleteTlsProtocolAnalyzer, ObsoleteTlsProtocolCodeFix>("""
        #pragma warning disable SYSLIB0039
        using System.Net.Http;
        using System.Security.Authentication;
        class C { HttpClientHandler D() => new HttpClientHandler { SslProtocols = [|SslProtocols.Tls11|] }; }
        """, """
        #pragma warning disable SYSLIB0039
        using System.Net.Http;
        using System.Security.Authentication;
        class C { HttpClientHandler D() => new HttpClientHandler { SslProtocols = SslProtocols.None }; }
        """);
}
