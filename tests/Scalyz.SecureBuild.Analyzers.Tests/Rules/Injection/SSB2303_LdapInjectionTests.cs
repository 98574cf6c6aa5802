using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Injection;

public sealed class SSB2303_LdapInjectionTests
{
    [Fact]
    public Task FilterFromInput_Reports() => Verify.AnalyzerAsync<LdapInjectionAnalyzer>("""
        using System.DirectoryServices;
        class C
        {
            void M(string user)
            {
                var a = new DirectorySearcher([|"(&(objectClass=user)(sAMAccountName=" + user + "))"|]);
                var b = new DirectorySearcher();
                b.Filter = [|$"(cn={user})"|];
            }
        }
        """, StandIns.DirectoryServices);

    [Fact]
    public Task ConstantOrEscapedFilter_DoesNotReport() => Verify.AnalyzerAsync<LdapInjectionAnalyzer>("""
        using System.DirectoryServices;
        class C
        {
            static string EscapeLdap(string s) => s.Replace("(", "\\28");
            void M(string user)
            {
                var a = new DirectorySearcher("(objectClass=user)");
                var b = new DirectorySearcher { Filter = $"(cn={EscapeLdap(user)})" };
            }
        }
        """, StandIns.DirectoryServices);
}
