using System.Diagnostics;
using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live.Exec;

/// <summary>
/// An external device process: started through <c>/bin/sh -c</c> in its own session (so stopping
/// it reaches every process it spawned), with the tail of its stderr kept for error messages.
/// </summary>
public sealed class DeviceProcess : IDisposable
{
    public static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly StderrTail _stderr = new();
    private bool _stopped;

    private DeviceProcess(Process process, string command)
    {
        _process = process;
        Command = command;
    }

    public string Command { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the device wrote to stderr, joined with " | ", or "(empty)".</summary>
    public string StderrTail => _stderr.ToString();

    public static DeviceProcess Start(string command, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(environment);
        // setsid makes the shell a session and group leader: one kill(-pgid) stops the whole tree.
        var start = new ProcessStartInfo(HostCommand.Find("setsid") ?? throw new LiveSetupException("'setsid' (util-linux) is not installed"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new LiveSetupException($"cannot start '{command}'");
        var device = new DeviceProcess(process, command);
        process.ErrorDataReceived += (_, e) => device._stderr.Add(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return device;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the device to exit; true when it has.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>"exited with code 3; stderr: ..." — what an Error verdict should carry.</summary>
    public string DescribeExit()
    {
        if (!_process.HasExited)
        {
            return "is still running";
        }
        // Only the parameterless wait also drains the asynchronous stderr reader; bound it, since a
        // grandchild may still hold stderr open.
        Task.Run(() => _process.WaitForExit()).Wait(TimeSpan.FromSeconds(1));
        string how = _process.ExitCode > 128 ? $"was killed by signal {_process.ExitCode - 128}" : $"exited with code {_process.ExitCode}";
        return $"{how}; stderr: {StderrTail}";
    }

    /// <summary>The kernel's one-letter state of the process (R running, S sleeping, T stopped, Z zombie).</summary>
    public string State
    {
        get
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
                int close = stat.LastIndexOf(')');
                return close > 0 && close + 2 < stat.Length ? stat[close + 2].ToString() : "?";
            }
            catch (IOException)
            {
                return "gone";
            }
        }
    }

    /// <summary>SIGTERM to the device's process group, SIGKILL after <see cref="TermGrace"/>. Returns true when SIGKILL was needed.</summary>
    public bool Stop()
    {
        if (_stopped)
        {
            return false;
        }
        _stopped = true;
        bool killed = false;
        if (!_process.HasExited)
        {
            Signals.kill(-_process.Id, Signals.SIGTERM);
            if (!_process.WaitForExit(TermGrace))
            {
                Signals.kill(-_process.Id, Signals.SIGKILL);
                _process.WaitForExit(TermGrace);
                killed = true;
            }
        }
        // Children that outlived the shell still belong to the group.
        Signals.kill(-_process.Id, Signals.SIGKILL);
        return killed;
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
