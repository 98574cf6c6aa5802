using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scalyz.SecureBuild.Ledger.PostgreSql.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder, listening on 127.0.0.1 on a free port, started with the installed
/// initdb/pg_ctl (run as the postgres user when the tests run as root, since initdb refuses root). Dispose always stops
/// the server and deletes the folder.
/// </summary>
public sealed class PostgreSqlCluster : IDisposable
{
    private readonly string _folder;
    private readonly string _binaries;
    private readonly bool _asPostgresUser;
    private bool _started;

    public PostgreSqlCluster()
    {
        _binaries = FindBinaries();
        _asPostgresUser = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("ssb-pg-").FullName;
        try
        {
            Port = FreePort();
            if (_asPostgresUser)
            {
                Run("chown", "-R", "postgres", _folder);
            }

            Run(Tool("initdb"), "-D", DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions");
            _started = true;
            Run(Tool("pg_ctl"), "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
                "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c max_connections=50");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Timeout=30";

    private string DataFolder => Path.Combine(_folder, "data");

    public void Dispose()
    {
        var pidFile = Path.Combine(DataFolder, "postmaster.pid");
        try
        {
            if (_started && File.Exists(pidFile))
            {
                Run(Tool("pg_ctl"), "-D", DataFolder, "-w", "-t", "60", "-m", "fast", "stop");
            }
        }
        catch (InvalidOperationException)
        {
            // pg_ctl could not stop it: kill the postmaster this fixture started (its PID is the file's first line).
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
                postmaster.WaitForExit(30_000);
            }
        }
        finally
        {
            _started = false;
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string Tool(string name) => Path.Combine(_binaries, name);

    private void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(_asPostgresUser && file != "chown" ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        if (_asPostgresUser && file != "chown")
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish in 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error}");
        }
    }

    private static string FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : []);
        return candidates.FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL (initdb, pg_ctl) is not installed; build/test.sh installs it with apt-get.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
