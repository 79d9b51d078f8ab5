using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Rsc.Harness.Live;

/// <summary>
/// Names of everything a live run creates — TAPs, veths, namespaces, socket files — and the sweep
/// that removes what a killed run left behind. A name is <c>rsc</c> + kind letter + the owning
/// process id in hex + <c>-</c> + a counter (at most 15 characters, the interface-name limit), so
/// the sweep can tell whose it is and whether its owner is still alive.
/// </summary>
[SupportedOSPlatform("linux")]
public static partial class LiveNames
{
    /// <summary>Directory for the run's Unix socket files.</summary>
    public static readonly string SocketDirectory = Path.Combine(Path.GetTempPath(), "rsc-live");

    private static int _counter = -1;

    /// <summary>A fresh name of this process for the given kind.</summary>
    public static string Next(LiveResourceKind kind)
    {
        int n = Interlocked.Increment(ref _counter) % 10_000;
        return string.Create(CultureInfo.InvariantCulture, $"rsc{Letter(kind)}{Environment.ProcessId:x}-{n}");
    }

    /// <summary>A fresh socket path of this process, in <see cref="SocketDirectory"/>.</summary>
    public static string NextSocketPath()
    {
        Directory.CreateDirectory(SocketDirectory);
        return Path.Combine(SocketDirectory, Next(LiveResourceKind.Socket) + ".sock");
    }

    private static readonly Lazy<IReadOnlyList<string>> FirstSweep = new(SweepOrphans);

    /// <summary>
    /// Runs <see cref="SweepOrphans"/> once per process (the first live device of a run calls it)
    /// and returns what that sweep removed.
    /// </summary>
    public static IReadOnlyList<string> SweepOnce() => FirstSweep.Value;

    /// <summary>The owning process id when <paramref name="name"/> is one of ours, else null.</summary>
    public static int? OwnerOf(string name)
    {
        var m = NamePattern().Match(name);
        return m.Success ? int.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>True when <paramref name="name"/> was made by this process.</summary>
    public static bool IsOwn(string name) => OwnerOf(name) == Environment.ProcessId;

    /// <summary>
    /// Removes interfaces, namespaces and socket files whose owner process no longer runs (a run
    /// killed with SIGKILL cannot clean up after itself). Returns what it removed.
    /// </summary>
    public static IReadOnlyList<string> SweepOrphans()
    {
        var removed = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            return removed;
        }
        foreach (var name in ListInterfaces())
        {
            if (IsOrphan(name) && TryDeleteInterface(name))
            {
                removed.Add($"interface {name}");
            }
        }
        foreach (var name in ListNamespaces())
        {
            if (IsOrphan(name) && TryDeleteNamespace(name))
            {
                removed.Add($"namespace {name}");
            }
        }
        if (Directory.Exists(SocketDirectory))
        {
            foreach (var path in Directory.GetFiles(SocketDirectory))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (IsOrphan(name))
                {
                    try
                    {
                        File.Delete(path);
                        removed.Add($"socket {path}");
                    }
                    catch (IOException)
                    {
                        // Another sweeper got there first.
                    }
                }
            }
        }
        return removed;
    }

    /// <summary>Every interface and namespace of ours that exists now (for cleanup checks).</summary>
    /// <summary>Interfaces and namespaces of this process that still exist (what a test checks is gone).</summary>
    public static IReadOnlyList<string> OfThisProcess() => Existing(owner => owner == Environment.ProcessId);

    public static IReadOnlyList<string> Existing(Func<int, bool> ownerFilter)
    {
        ArgumentNullException.ThrowIfNull(ownerFilter);
        var found = new List<string>();
        foreach (var name in ListInterfaces().Concat(ListNamespaces()))
        {
            if (OwnerOf(name) is { } owner && ownerFilter(owner))
            {
                found.Add(name);
            }
        }
        return found;
    }

    internal static bool TryDeleteInterface(string name) =>
        HostCommand.TryRun("ip", ["link", "del", "dev", name], HostCommand.DefaultTimeout).ExitCode == 0
        || !Directory.Exists(Path.Combine("/sys/class/net", name));

    internal static bool TryDeleteNamespace(string name) =>
        HostCommand.TryRun("ip", ["netns", "del", name], HostCommand.DefaultTimeout).ExitCode == 0
        || !File.Exists(Path.Combine("/run/netns", name));

    private static bool IsOrphan(string name) =>
        OwnerOf(name) is { } pid && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}");

    private static IEnumerable<string> ListInterfaces() =>
        Directory.Exists("/sys/class/net") ? Directory.GetFileSystemEntries("/sys/class/net").Select(Path.GetFileName).OfType<string>() : [];

    private static IEnumerable<string> ListNamespaces() =>
        Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns").Select(Path.GetFileName).OfType<string>() : [];

    private static char Letter(LiveResourceKind kind) => kind switch
    {
        LiveResourceKind.Tap => 't',
        LiveResourceKind.Veth => 'v',
        LiveResourceKind.VethPeer => 'w',
        LiveResourceKind.Namespace => 'n',
        LiveResourceKind.Socket => 's',
        LiveResourceKind.Qemu => 'q',
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [GeneratedRegex("^rsc([tvwnsq])([0-9a-f]{1,7})-([0-9]{1,4})$")]
    private static partial Regex NamePattern();
}

/// <summary>What a live name names.</summary>
[SupportedOSPlatform("linux")]
public enum LiveResourceKind
{
    Tap,
    Veth,
    VethPeer,
    Namespace,
    Socket,
    Qemu,
}
