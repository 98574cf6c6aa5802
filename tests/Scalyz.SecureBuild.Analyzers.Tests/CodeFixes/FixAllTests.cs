using Scalyz.SecureBuild.Analyzers.Rules.Crypto;
using Scalyz.SecureBuild.Analyzers.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Rules.Transport;
using Scalyz.SecureBuild.Analyzers.Rules.Web;
using Scalyz.SecureBuild.Analyzers.Rules.Xml;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.Analyzers.Tests.Rules.Deserialization;
using Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;
using Scalyz.SecureBuild.CodeFixes.Rules.Crypto;
using Scalyz.SecureBuild.CodeFixes.Rules.Deserialization;
using Scalyz.SecureBuild.CodeFixes.Rules.Secrets;
using Scalyz.SecureBuild.CodeFixes.Rules.Transport;
using Scalyz.SecureBuild.CodeFixes.Rules.Web;
using Scalyz.SecureBuild.CodeFixes.Rules.Xml;

namespace Scalyz.SecureBuild.Analyzers.Tests.CodeFixes;

/// <summary>
/// Fix All for every code fix: two findings in one document, fixed one by one and by Fix All in document, project and
/// solution, must give the same compiling text with no finding left.
/// </summary>
public sealed class FixAllTests
{
    [Fact]
    public Task WeakHash_FixAll() => Verify.FixAllAsync<WeakHashAnalyzer, WeakHashCodeFix>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(byte[] d) => [|MD5.HashData(d)|];
            HMAC B(byte[] k) => [|new HMACSHA1(k)|];
        }
        """, """
        using System.Security.Cryptography;
        class C
        {
            byte[] A(byte[] d) => SHA256.HashData(d);
            HMAC B(byte[] k) => new HMACSHA256(k);
        }
        """);

    [Fact]
    public Task WeakCipher_FixAll() => Verify.FixAllAsync<WeakCipherAnalyzer, WeakCipherCodeFix>("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            IDisposable A() => [|TripleDES.Create()|];
            IDisposable B() => [|DES.Create()|];
        }
        """, """
        using System;
        using System.Security.Cryptography;
        class C
        {
            IDisposable A() => Aes.Create();
            IDisposable B() => Aes.Create();
        }
        """);

    [Fact]
    public Task WeakKeyDerivation_FixAll() => Verify.FixAllAsync<WeakKeyDerivationAnalyzer, WeakKeyDerivationCodeFix>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, [|1000|], HashAlgorithmName.SHA256, 32);
            byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, [|HashAlgorithmName.SHA1|], 32);
        }
        """, """
        using System.Security.Cryptography;
        class C
        {
            byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32);
            byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32);
        }
        """);

    [Fact]
    public Task LegacyCryptoType_FixAll() => Verify.FixAllAsync<LegacyCryptoTypeAnalyzer, LegacyCryptoTypeCodeFix>("""
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C
        {
            SymmetricAlgorithm A() => [|new AesManaged()|];
            SymmetricAlgorithm B() => [|new AesManaged()|];
        }
        """, """
        #pragma warning disable SYSLIB0021
        using System.Security.Cryptography;
        class C
        {
            SymmetricAlgorithm A() => Aes.Create();
            SymmetricAlgorithm B() => Aes.Create();
        }
        """);

    [Fact]
    public Task RsaWithoutOaep_FixAll() => Verify.FixAllAsync<RsaWithoutOaepAnalyzer, RsaWithoutOaepCodeFix>("""
        using System.Security.Cryptography;
        class C
        {
            byte[] A(RSA rsa, byte[] d) => rsa.Encrypt(d, [|RSAEncryptionPadding.Pkcs1|]);
            byte[] B(RSA rsa, byte[] d) => rsa.Encrypt(d, [|RSAEncryptionPadding.Pkcs1|]);
        }
        """, """
        using System.Security.Cryptography;
        class C
        {
            byte[] A(RSA rsa, byte[] d) => rsa.Encrypt(d, RSAEncryptionPadding.OaepSHA256);
            byte[] B(RSA rsa, byte[] d) => rsa.Encrypt(d, RSAEncryptionPadding.OaepSHA256);
        }
        """);

    [Fact]
    public Task InsecureRandom_FixAll() => Verify.FixAllAsync<InsecureRandomAnalyzer, InsecureRandomCodeFix>("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            void A() { var salt = new byte[16]; [|Random.Shared.NextBytes(salt)|]; }
            void B() { var nonce = new byte[12]; [|Random.Shared.NextBytes(nonce)|]; }
        }
        """, """
        using System;
        using System.Security.Cryptography;
        class C
        {
            void A() { var salt = new byte[16]; RandomNumberGenerator.Fill(salt); }
            void B() { var nonce = new byte[12]; RandomNumberGenerator.Fill(nonce); }
        }
        """);

    [Fact]
    public Task GuidAsSecret_FixAll() => Verify.FixAllAsync<GuidAsSecretAnalyzer, GuidAsSecretCodeFix>("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            string CreateApiKey() => [|Guid.NewGuid()|].ToString("N");
            string CreateResetToken() => [|Guid.NewGuid()|].ToString("N");
        }
        """, """
        using System;
        using System.Security.Cryptography;
        class C
        {
            string CreateApiKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            string CreateResetToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        }
        """);

    [Fact]
    public Task JsonNetTypeNameHandling_FixAll() => Verify.FixAllAsync<JsonNetTypeNameHandlingAnalyzer, JsonNetTypeNameHandlingCodeFix>("""
        using Newtonsoft.Json;
        class C
        {
            JsonSerializerSettings A() => new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.All|] };
            JsonSerializerSettings B() => new JsonSerializerSettings { TypeNameHandling = [|TypeNameHandling.Objects|] };
        }
        """, """
        using Newtonsoft.Json;
        class C
        {
            JsonSerializerSettings A() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
            JsonSerializerSettings B() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        }
        """, 1, SSB2203_JsonNetTypeNameHandlingTests.JsonNetStandIn);

    [Fact]
    public Task HardcodedSecret_FixAll() => Verify.FixAllAsync<HardcodedSecretAnalyzer, HardcodedSecretCodeFix>(
        "class C\n{\n    private const string DbPassword = {|SSB1002:\"Tr0ub4dor" + "&3x\"|};\n    private const string AdminPassword = {|SSB1002:\"Tr0ub4dor" + "&3x\"|};\n}\n",
        "class C\n{\n    private static readonly string DbPassword = System.Environment.GetEnvironmentVariable(\"DB_PASSWORD\") ?? throw new System.InvalidOperationException(\"Set the DB_PASSWORD environment variable.\");\n"
        + "    private static readonly string AdminPassword = System.Environment.GetEnvironmentVariable(\"ADMIN_PASSWORD\") ?? throw new System.InvalidOperationException(\"Set the ADMIN_PASSWORD environment variable.\");\n}\n");

    [Fact]
    public Task CertificateValidationDisabled_FixAll() => Verify.FixAllAsync<CertificateValidationDisabledAnalyzer, CertificateValidationDisabledCodeFix>("""
        #pragma warning disable SYSLIB0014
        using System.Net;
        using System.Net.Http;
        class C
        {
            void A()
            {
                ServicePointManager.ServerCertificateValidationCallback = [|(s, c, ch, e) => true|];
                ServicePointManager.Expect100Continue = false;
            }

            HttpClientHandler B() => new HttpClientHandler
            {
                UseProxy = false,
                ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => true|],
            };
        }
        """, """
        #pragma warning disable SYSLIB0014
        using System.Net;
        using System.Net.Http;
        class C
        {
            void A()
            {
                ServicePointManager.Expect100Continue = false;
            }

            HttpClientHandler B() => new HttpClientHandler
            {
                UseProxy = false,
            };
        }
        """);

    [Fact]
    public Task ObsoleteTlsProtocol_FixAll() => Verify.FixAllAsync<ObsoleteTlsProtocolAnalyzer, ObsoleteTlsProtocolCodeFix>("""
        #pragma warning disable SYSLIB0039
        using System.Net.Http;
        using System.Security.Authentication;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler { SslProtocols = [|SslProtocols.Tls11|] };
            HttpClientHandler B() => new HttpClientHandler { SslProtocols = [|SslProtocols.Tls|] };
        }
        """, """
        #pragma warning disable SYSLIB0039
        using System.Net.Http;
        using System.Security.Authentication;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler { SslProtocols = SslProtocols.None };
            HttpClientHandler B() => new HttpClientHandler { SslProtocols = SslProtocols.None };
        }
        """);

    [Fact]
    public Task Cookie_FixAll() => Verify.FixAllAsync<CookieAnalyzer, CookieCodeFix>("""
        using Microsoft.AspNetCore.Http;
        class C
        {
            void A(CookieOptions o) { o.Secure = {|SSB2501:false|}; }
            void B(CookieOptions o) { o.Secure = {|SSB2501:false|}; }
        }
        """, """
        using Microsoft.AspNetCore.Http;
        class C
        {
            void A(CookieOptions o) { o.Secure = true; }
            void B(CookieOptions o) { o.Secure = true; }
        }
        """);

    [Fact]
    public Task JwtValidation_FixAll() => Verify.FixAllAsync<JwtValidationAnalyzer, JwtValidationCodeFix>("""
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters M() => new TokenValidationParameters { ValidateIssuer = [|false|], ValidateLifetime = [|false|] }; }
        """, """
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters M() => new TokenValidationParameters { ValidateIssuer = true, ValidateLifetime = true }; }
        """, 1, StandIns.IdentityModel);

    [Fact]
    public Task XmlDtdProcessing_FixAll() => Verify.FixAllAsync<XmlDtdProcessingAnalyzer, XmlDtdProcessingCodeFix>("""
        using System.Xml;
        class C
        {
            XmlReaderSettings A() => new XmlReaderSettings { DtdProcessing = [|DtdProcessing.Parse|] };
            XmlReaderSettings B() => new XmlReaderSettings { DtdProcessing = [|DtdProcessing.Parse|] };
        }
        """, """
        using System.Xml;
        class C
        {
            XmlReaderSettings A() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
            XmlReaderSettings B() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
        }
        """);

    [Fact]
    public Task XmlResolver_FixAll() => Verify.FixAllAsync<XmlResolverAnalyzer, XmlResolverCodeFix>("""
        using System.Xml;
        class C
        {
            void A() { var doc = new XmlDocument(); doc.XmlResolver = [|new XmlUrlResolver()|]; }
            void B() { var settings = new XmlReaderSettings(); settings.XmlResolver = [|new XmlUrlResolver()|]; }
        }
        """, """
        using System.Xml;
        class C
        {
            void A() { var doc = new XmlDocument(); doc.XmlResolver = null; }
            void B() { var settings = new XmlReaderSettings(); settings.XmlResolver = null; }
        }
        """);
}
