namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

/// <summary>Small stand-ins for third-party and .NET Framework APIs that the running runtime does not carry.</summary>
internal static class StandIns
{
    public const string Npgsql = """
        namespace Npgsql
        {
            using System.Data;
            using System.Data.Common;
            public sealed class NpgsqlCommand : DbCommand
            {
                public NpgsqlCommand() { }
                public NpgsqlCommand(string? cmdText) { CommandText = cmdText ?? ""; }
                public NpgsqlCommand(string? cmdText, NpgsqlConnection? connection) { CommandText = cmdText ?? ""; }
                [System.Diagnostics.CodeAnalysis.AllowNull] public override string CommandText { get; set; } = "";
                public override int CommandTimeout { get; set; }
                public override CommandType CommandType { get; set; }
                public override bool DesignTimeVisible { get; set; }
                public override UpdateRowSource UpdatedRowSource { get; set; }
                protected override DbConnection? DbConnection { get; set; }
                protected override DbParameterCollection DbParameterCollection => throw new System.NotSupportedException();
                protected override DbTransaction? DbTransaction { get; set; }
                public override void Cancel() { }
                public override int ExecuteNonQuery() => 0;
                public override object? ExecuteScalar() => null;
                public override void Prepare() { }
                protected override DbParameter CreateDbParameter() => throw new System.NotSupportedException();
                protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new System.NotSupportedException();
            }
            public sealed class NpgsqlConnection { }
        }
        """;

    public const string EntityFrameworkCore = """
        namespace Microsoft.EntityFrameworkCore
        {
            using System.Linq;
            public class DbContext { public Infrastructure.DatabaseFacade Database { get; } = new(); }
            public class DbSet<T> : System.Collections.Generic.List<T> where T : class { }
            public static class RelationalQueryableExtensions
            {
                public static IQueryable<T> FromSqlRaw<T>(this DbSet<T> set, string sql, params object[] parameters) where T : class => set.AsQueryable();
                public static IQueryable<T> FromSqlInterpolated<T>(this DbSet<T> set, System.FormattableString sql) where T : class => set.AsQueryable();
            }
            public static class RelationalDatabaseFacadeExtensions
            {
                public static int ExecuteSqlRaw(this Infrastructure.DatabaseFacade database, string sql, params object[] parameters) => 0;
                public static int ExecuteSqlInterpolated(this Infrastructure.DatabaseFacade database, System.FormattableString sql) => 0;
            }
        }
        namespace Microsoft.EntityFrameworkCore.Infrastructure { public class DatabaseFacade { } }
        """;

    public const string DirectoryServices = """
        namespace System.DirectoryServices
        {
            public class DirectoryEntry { }
            public class DirectorySearcher
            {
                public DirectorySearcher() { }
                public DirectorySearcher(string? filter) { Filter = filter; }
                public DirectorySearcher(DirectoryEntry? searchRoot, string? filter) { Filter = filter; }
                public string? Filter { get; set; }
            }
        }
        """;

    public const string IdentityModel = """
        namespace Microsoft.IdentityModel.Tokens
        {
            public class TokenValidationParameters
            {
                public bool ValidateIssuer { get; set; } = true;
                public bool ValidateAudience { get; set; } = true;
                public bool ValidateLifetime { get; set; } = true;
                public bool ValidateIssuerSigningKey { get; set; }
                public bool RequireSignedTokens { get; set; } = true;
                public bool RequireExpirationTime { get; set; } = true;
                public string? ValidIssuer { get; set; }
            }
        }
        """;

    public const string SystemWeb = """
        namespace System.Web
        {
            public sealed class HttpCookie
            {
                public HttpCookie(string name) { }
                public HttpCookie(string name, string value) { }
                public bool Secure { get; set; }
                public bool HttpOnly { get; set; }
            }
            public sealed class HttpCookieCollection { public void Add(HttpCookie cookie) { } }
            public class HttpRequest
            {
                public System.Collections.Specialized.NameValueCollection QueryString { get; } = new();
                public System.Collections.Specialized.NameValueCollection Form { get; } = new();
                public string? this[string key] => null;
                public UnvalidatedRequestValues Unvalidated { get; } = new();
            }
            public class UnvalidatedRequestValues { public System.Collections.Specialized.NameValueCollection Form { get; } = new(); }
            public class HttpResponse
            {
                public HttpCookieCollection Cookies { get; } = new();
                public void Write(string? s) { }
                public void Redirect(string url) { }
            }
            public class HtmlString { public HtmlString(string value) { } }
        }
        namespace System.Web.Mvc
        {
            [System.AttributeUsage(System.AttributeTargets.All)] public sealed class ValidateInputAttribute : System.Attribute { public ValidateInputAttribute(bool enableValidation) { } }
            [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class AllowHtmlAttribute : System.Attribute { }
            public abstract class Controller
            {
                public System.Web.HttpRequest Request { get; } = new();
                public System.Web.HttpResponse Response { get; } = new();
            }
        }
        """;
}
