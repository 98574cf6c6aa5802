using Scalyz.SecureBuild.Analyzers.Rules.Injection;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;
using Scalyz.SecureBuild.Analyzers.Tests.Rules.Web;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Injection;

public sealed class SSB2301_SqlInjectionTests
{
    [Fact]
    public Task InterpolatedCommandText_Reports() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using Npgsql;
        class Repo { void Find(string name) { var cmd = new NpgsqlCommand(); cmd.CommandText = [|$"SELECT * FROM users WHERE name = '{name}'"|]; } }
        """, StandIns.Npgsql);

    [Fact]
    public Task ConcatenationInConstructorThroughLocal_Reports() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using Npgsql;
        class Repo { void Find(string name, NpgsqlConnection c) { var sql = "SELECT * FROM users WHERE name = '" + name + "'"; using var cmd = new NpgsqlCommand([|sql|], c); } }
        """, StandIns.Npgsql);

    [Fact]
    public Task StringFormatInObjectInitializer_Reports() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using Npgsql;
        class Repo { object Find(string name) => new NpgsqlCommand { CommandText = [|string.Format("DELETE FROM t WHERE n = '{0}'", name)|] }; }
        """, StandIns.Npgsql);

    [Fact]
    public Task EfCoreRawSqlWithInterpolation_Reports() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using Microsoft.EntityFrameworkCore;
        class User { }
        class Repo { void M(DbContext db, DbSet<User> users, string n) { users.FromSqlRaw([|$"SELECT * FROM users WHERE n = '{n}'"|]); db.Database.ExecuteSqlRaw([|"DELETE FROM t WHERE n = '" + n + "'"|]); } }
        """, StandIns.EntityFrameworkCore);

    [Fact]
    public Task ParametersAndInterpolatedApi_DoNotReport() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using Microsoft.EntityFrameworkCore;
        using Npgsql;
        class User { }
        class Repo
        {
            const string Table = "users";
            void M(DbContext db, DbSet<User> users, string n)
            {
                users.FromSqlRaw("SELECT * FROM users WHERE n = {0}", n);
                users.FromSqlInterpolated($"SELECT * FROM users WHERE n = {n}");
                db.Database.ExecuteSqlRaw("DELETE FROM " + Table + " WHERE n = {0}", n);
                var cmd = new NpgsqlCommand($"SELECT * FROM {Table} WHERE n = @n");
            }
        }
        """, StandIns.EntityFrameworkCore, StandIns.Npgsql);

    [Fact]
    public Task NumericHoleOrOpaqueString_DoesNotReport() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using Npgsql;
        class Repo
        {
            void M(int id, string query)
            {
                var a = new NpgsqlCommand($"SELECT * FROM users WHERE id = {id}");
                var b = new NpgsqlCommand(query);
            }
        }
        """, StandIns.Npgsql);

    [Fact]
    public Task LocalReassigned_DoesNotFollowIt() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using Npgsql;
        class Repo { void M(string n, bool b) { var sql = "SELECT 1"; if (b) sql = "SELECT 2"; var c = new NpgsqlCommand(sql); } }
        """, StandIns.Npgsql);

    [Fact]
    public Task HelperStringBuilderAndAppends_Report() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using System.Data.Common;
        using System.Text;
        class Repo
        {
            static string ByName(string n) => "SELECT * FROM users WHERE name = '" + n + "'";
            void M(DbCommand a, DbCommand b, DbCommand c, string name)
            {
                a.CommandText = [|ByName(name)|];
                var sb = new StringBuilder("SELECT * FROM users WHERE name = '");
                sb.Append(name).Append('\'');
                b.CommandText = [|sb.ToString()|];
                var sql = "SELECT * FROM users WHERE 1 = 1";
                sql += " AND name = '" + name + "'";
                c.CommandText = [|sql|];
            }
        }
        """);

    [Fact]
    public Task ConstantHelperBuilderAndPlaceholders_DoNotReport() => Verify.AnalyzerAsync<SqlInjectionAnalyzer>("""
        using System.Data.Common;
        using System.Linq;
        using System.Text;
        class Repo
        {
            static string Active() => "SELECT * FROM users WHERE active = 1";
            void M(DbCommand a, DbCommand b, DbCommand c, int count)
            {
                a.CommandText = Active();
                var sb = new StringBuilder("SELECT * FROM users");
                sb.Append(" WHERE id = @id");
                b.CommandText = sb.ToString();
                c.CommandText = "SELECT * FROM t WHERE id IN (" + string.Join(",", Enumerable.Range(0, count).Select(i => "@p" + i)) + ")";
            }
        }
        """);
}
