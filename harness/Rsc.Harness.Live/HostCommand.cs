using System.Diagnostics;
using System.Text;

namespace Rsc.Harness.Live;

/// <summary>Runs host tools (ip, sysctl, ethtool) with a timeout; failure is a <see cref="LiveSetupException"/> quoting stderr.</summary>
public static class HostCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] SearchPath = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    /// <summary>Full path of a tool, or null when it is not installed.</summary>
    public static string? Find(string tool)
    {
        foreach (var dir in SearchPath)
        {
            var path = Path.Combine(dir, tool);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    /// <summary>Runs the tool and returns its stdout; throws when it fails or outlives the timeout.</summary>
    public static string Run(string tool, params string[] arguments) => Run(tool, arguments, DefaultTimeout);

    public static string Run(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var (code, stdout, stderr) = TryRun(tool, arguments, timeout);
        if (code != 0)
        {
            throw new LiveSetupException($"'{Describe(tool, arguments)}' failed (exit {code}): {stderr.Trim()}");
        }
        return stdout;
    }

    /// <summary>Runs the tool; returns its exit code (-1 when it had to be killed) and both outputs.</summary>
    public static (int ExitCode, string Stdout, string Stderr) TryRun(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var path = Find(tool) ?? throw new LiveSetupException($"'{tool}' is not installed");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new LiveSetupException($"cannot start '{tool}'");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            throw new LiveSetupException($"'{Describe(tool, arguments)}' did not finish within {timeout.TotalSeconds:0.#} s");
        }
        process.WaitForExit();
        lock (stdout)
        {
            lock (stderr)
            {
                return (process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    private static string Describe(string tool, IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? tool : $"{tool} {string.Join(' ', arguments)}";
}
