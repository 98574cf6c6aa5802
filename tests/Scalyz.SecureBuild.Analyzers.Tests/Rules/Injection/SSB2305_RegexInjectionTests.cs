using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Injection;

public sealed class SSB2305_RegexInjectionTests
{
    [Fact]
    public Task PatternBuiltFromInputWithoutTimeout_Reports() => Verify.AnalyzerAsync<RegexInjectionAnalyzer>("""
        using System.Text.RegularExpressions;
        class C
        {
            bool M(string input, string term) => new Regex([|"^" + term + ".*$"|]).IsMatch(input) || Regex.IsMatch(input, [|$"({term})+"|], RegexOptions.IgnoreCase);
        }
        """);

    [Fact]
    public Task QueryValueAsPattern_Reports() => Verify.AnalyzerAsync<RegexInjectionAnalyzer>("""
        using Microsoft.AspNetCore.Http;
        using System.Text.RegularExpressions;
        class C { bool M(HttpRequest request, string text) => Regex.IsMatch(text, [|request.Query["q"]|]); }
        """);

    [Fact]
    public Task EscapedTimeoutOrNonBacktracking_DoesNotReport() => Verify.AnalyzerAsync<RegexInjectionAnalyzer>("""
        using System;
        using System.Text.RegularExpressions;
        class C
        {
            void M(string input, string term)
            {
                Regex.IsMatch(input, "^" + Regex.Escape(term) + "$");
                Regex.IsMatch(input, "^" + term + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
                new Regex("(" + term + ")+", RegexOptions.NonBacktracking);
                new Regex("^[a-z]+$");
                new Regex(@"^(\d+\.)*\d+$");
                new Regex(@"(\s*,\s*)*");
                new Regex(@"^(a+)+$", RegexOptions.None, TimeSpan.FromSeconds(1));
            }
        }
        """);

    [Fact]
    public Task PatternParameterOrNestedRepetition_Reports() => Verify.AnalyzerAsync<RegexInjectionAnalyzer>("""
        using System.Text.RegularExpressions;
        class C
        {
            static readonly Regex Words = new Regex([|@"(\w+\s?)+$"|]);
            void M(string input, string term)
            {
                new Regex([|term|]);
                Regex.Replace(input, [|term|], "*");
                Regex.IsMatch(input, [|@"^([a-zA-Z0-9]+)*@example\.com$"|]);
                Regex.IsMatch(input, [|"(a|aa)+(b*)*"|]);
                Regex.IsMatch(input, [|"(?:x+x+)+y"|]);
            }
        }
        """);
}
