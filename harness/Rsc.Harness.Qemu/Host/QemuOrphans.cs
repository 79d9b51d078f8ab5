using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Live;

namespace Rsc.Harness.Qemu.Host;

/// <summary>
/// Finds and stops QEMU processes a killed run left behind. Each QEMU this adapter starts names its
/// process (/proc/PID/comm) with a <see cref="LiveNames"/> name of kind Qemu, which carries the id of
/// the harness process that started it; when that process is gone, the QEMU is an orphan. (A run
/// ended with SIGKILL cannot stop its QEMU; its TAP, sockets and firmware file are left to
/// <see cref="LiveNames.SweepOrphans"/>.)
/// </summary>
[SupportedOSPlatform("linux")]
public static class QemuOrphans
{
    /// <summary>QEMUs of dead harness processes: (QEMU pid, name).</summary>
    public static IReadOnlyList<(int Pid, string Name)> Find()
    {
        var found = new List<(int, string)>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }
            string name;
            try
            {
                name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (IsOrphanName(name, owner => Directory.Exists($"/proc/{owner}")))
            {
                found.Add((pid, name));
            }
        }
        return found;
    }

    /// <summary>True when <paramref name="name"/> is a QEMU process name whose owning harness process is not alive.</summary>
    public static bool IsOrphanName(string name, Func<int, bool> ownerAlive)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(ownerAlive);
        return name.StartsWith("rscq", StringComparison.Ordinal)
            && LiveNames.OwnerOf(name) is { } owner
            && owner != Environment.ProcessId
            && !ownerAlive(owner);
    }

    /// <summary>Kills every orphaned QEMU (by pid, one at a time); returns what it killed.</summary>
    public static IReadOnlyList<string> Sweep()
    {
        var killed = new List<string>();
        foreach (var (pid, name) in Find())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(2000);
                killed.Add(string.Create(CultureInfo.InvariantCulture, $"qemu {name} (pid {pid})"));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile, or not ours to kill.
            }
        }
        return killed;
    }
}
