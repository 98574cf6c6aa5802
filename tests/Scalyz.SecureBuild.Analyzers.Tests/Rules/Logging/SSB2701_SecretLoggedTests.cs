using Scalyz.SecureBuild.Analyzers.Rules.Logging;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Logging;

public sealed class SSB2701_SecretLoggedTests
{
    [Fact]
    public Task CredentialNamedValuesLogged_Reports() => Verify.AnalyzerAsync<SecretLoggedAnalyzer>("""
        using System;
        using System.Diagnostics;
        using Microsoft.Extensions.Logging;
        class Login { public string UserName { get; set; } = ""; public string Password { get; set; } = ""; }
        class C
        {
            private readonly string _apiKey = Environment.GetEnvironmentVariable("API_KEY") ?? "";
            void M(ILogger<C> logger, Login login, string accessToken, Microsoft.Extensions.Configuration.IConfiguration config)
            {
                logger.LogInformation("Login {User} with {Password}", login.UserName, [|login.Password|]);
                logger.LogDebug($"Calling API with key {[|_apiKey|]}");
                Console.WriteLine("token: " + [|accessToken|]);
                Trace.TraceInformation("Secret: {0}", [|config["Jwt:Secret"]|]);
            }
        }
        """);

    [Fact]
    public Task NonSecretLookAlikes_DoNotReport() => Verify.AnalyzerAsync<SecretLoggedAnalyzer>("""
        using System;
        using System.Threading;
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(ILogger logger, string passwordHash, int passwordLength, bool hasToken, string tokenEndpoint, CancellationToken token, string userName, string tokenId)
            {
                logger.LogInformation("hash {Hash} length {Length} has {Has} at {Endpoint} for {User} id {Id}", passwordHash, passwordLength, hasToken, tokenEndpoint, userName, tokenId);
                logger.LogWarning("Cancelled: {Cancelled}", token.IsCancellationRequested);
                Console.WriteLine("Password is set: " + (passwordLength > 0));
            }
        }
        """);

    [Fact]
    public Task JwtAndCredentialObject_Reports() => Verify.AnalyzerAsync<SecretLoggedAnalyzer>("""
        using System.Diagnostics;
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(ILogger logger, string jwt, System.Net.NetworkCredential credential, string jwtIssuer)
            {
                Debug.WriteLine("JWT: " + [|jwt|]);
                logger.LogInformation("Using {Credential} from {Issuer}", [|credential|], jwtIssuer);
            }
        }
        """);
}
