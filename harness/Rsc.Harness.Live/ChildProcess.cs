using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live;

/// <summary>
/// A process a live device runs as (an external device, QEMU), with the tail of what it writes kept
/// for error messages. Stopping it is SIGTERM, then SIGKILL after <see cref="TermGrace"/>; one started
/// in a session of its own is signalled as a whole process group, so nothing it spawned outlives it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ChildProcess : IDisposable
{
    public static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long an exited process's last output may take to reach <see cref="Output"/>.</summary>
    public static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(3);

    private readonly Process _process;
    private readonly bool _ownGroup;
    private int _stopped;

    private ChildProcess(Process process, bool ownGroup, StderrTail output)
    {
        _process = process;
        _ownGroup = ownGroup;
        Output = output;
        Id = process.Id;
    }

    public int Id { get; }

    /// <summary>The last lines written to stderr (and stdout, when kept).</summary>
    public StderrTail Output { get; }

    /// <summary>True once stopped through <see cref="Stop"/>: its exit is then not news.</summary>
    public bool StopRequested => Volatile.Read(ref _stopped) != 0;

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int? ExitCode
    {
        get
        {
            try
            {
                return _process.HasExited ? _process.ExitCode : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <param name="path">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Added to the harness's environment.</param>
    /// <param name="ownSession">Start it through setsid, as a session and process-group leader.</param>
    /// <param name="keepStdout">Keep stdout lines in <see cref="Output"/> too (otherwise read and dropped).</param>
    /// <exception cref="LiveSetupException">The program cannot be started.</exception>
    public static ChildProcess Start(
        string path,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        bool ownSession = false,
        bool keepStdout = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(ownSession ? HostCommand.Find("setsid") ?? throw new LiveSetupException("'setsid' (util-linux) is not installed") : path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ownSession)
        {
            start.ArgumentList.Add(path);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var output = new StderrTail();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.OutputDataReceived += keepStdout ? (_, e) => output.Add(e.Data) : (_, _) => { };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new LiveSetupException($"cannot start '{path}': {e.Message}", e);
        }
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new ChildProcess(process, ownSession, output);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; true when it has.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        try
        {
            return _process.WaitForExit(timeout);
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>"exited with code 3; stderr: ..." or "was killed by signal 9; ...", or "is running; stderr: ...".</summary>
    public string DescribeExit()
    {
        if (!HasExited)
        {
            return $"is running; stderr: {Output}";
        }
        // The timed wait does not drain the asynchronous readers; the asynchronous one does, and a
        // token bounds it, since a grandchild may still hold the pipe open. Generous, because on a
        // loaded machine the readers' last line can come well after the exit.
        using (var drained = new CancellationTokenSource(OutputDrainLimit))
        {
            try
            {
                _process.WaitForExitAsync(drained.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                // Still held open, or gone: describe what arrived.
            }
        }
        string how = ExitCode switch
        {
            null => "exited",
            > 128 and var code => string.Create(CultureInfo.InvariantCulture, $"was killed by signal {code - 128}"),
            var code => string.Create(CultureInfo.InvariantCulture, $"exited with code {code}"),
        };
        return $"{how}; stderr: {Output}";
    }

    /// <summary>The kernel's one-letter state of the process (R running, S sleeping, T stopped, Z zombie).</summary>
    public string State
    {
        get
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{Id}/stat");
                int close = stat.LastIndexOf(')');
                return close > 0 && close + 2 < stat.Length ? stat[close + 2].ToString() : "?";
            }
            catch (IOException)
            {
                return "gone";
            }
        }
    }

    /// <summary>SIGTERM, SIGKILL after <see cref="TermGrace"/>; idempotent. True when SIGKILL was needed.</summary>
    public bool Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return false;
        }
        int target = _ownGroup ? -Id : Id;
        bool killed = false;
        if (!HasExited)
        {
            Signals.kill(target, Signals.SIGTERM);
            if (!WaitForExit(TermGrace))
            {
                Signals.kill(target, Signals.SIGKILL);
                WaitForExit(TermGrace);
                killed = true;
            }
        }
        if (_ownGroup)
        {
            // Children that outlived the leader still belong to the group.
            Signals.kill(target, Signals.SIGKILL);
        }
        return killed;
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
