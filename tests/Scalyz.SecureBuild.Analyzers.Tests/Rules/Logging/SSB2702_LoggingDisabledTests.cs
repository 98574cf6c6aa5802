using Scalyz.SecureBuild.Analyzers.Rules.Logging;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Logging;

public sealed class SSB2702_LoggingDisabledTests
{
    [Fact]
    public Task LevelNoneOrProvidersCleared_Reports() => Verify.AnalyzerAsync<LoggingDisabledAnalyzer>("""
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(IServiceCollection services, ILoggingBuilder logging)
            {
                services.AddLogging(b => [|b.SetMinimumLevel(LogLevel.None)|]);
                [|logging.ClearProviders()|];
                logging.AddFilter(null, LogLevel.Information);
                [|logging.AddFilter(null, LogLevel.None)|];
            }
        }
        """);

    [Fact]
    public Task ProvidersReplacedOrNoisyCategoryQuieted_DoesNotReport() => Verify.AnalyzerAsync<LoggingDisabledAnalyzer>("""
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(ILoggingBuilder logging)
            {
                logging.ClearProviders();
                logging.AddConsole();
                logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
                logging.SetMinimumLevel(LogLevel.Warning);
            }
        }
        """);
}
