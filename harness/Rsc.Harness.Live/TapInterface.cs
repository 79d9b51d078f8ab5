using System.Runtime.Versioning;
using System.Text;
using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live;

/// <summary>
/// A persistent TAP interface this run created (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR, up, IPv6 off),
/// for a device process to attach to. Disposing deletes it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TapInterface : IDisposable
{
    /// <summary>The largest MTU a TAP takes: a 64 KiB IP datagram fits.</summary>
    public const string MaxMtu = "65521";

    private bool _deleted;

    private TapInterface(string name) => Name = name;

    public string Name { get; }

    /// <summary>True while a process holds the TAP open (the kernel reports carrier only then).</summary>
    public bool HasCarrier
    {
        get
        {
            try
            {
                return File.ReadAllText($"/sys/class/net/{Name}/carrier").Trim() == "1";
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>Creates a TAP named by <see cref="LiveNames"/>.</summary>
    public static TapInterface Create() => Create(LiveNames.Next(LiveResourceKind.Tap));

    public static unsafe TapInterface Create(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.ASCII.GetByteCount(name) > 15)
        {
            throw new ArgumentException($"interface name '{name}' is longer than 15 characters", nameof(name));
        }
        LiveEnvironment.EnsureAvailable();
        int fd = TunFile.Open(name);
        try
        {
            if (LibC.ioctl(fd, LibC.TUNSETPERSIST, (void*)1) < 0)
            {
                throw new LiveSetupException($"cannot make TAP {name} persistent: {LibC.LastError()}");
            }
        }
        finally
        {
            LibC.close(fd);
        }
        var tap = new TapInterface(name);
        try
        {
            Interfaces.DisableIpv6(name);
            // Room for the catalogue's bursts (1,024 flows, back-to-back frames) while the device reads.
            // and an MTU that lets the largest frames (9000-byte MTU, 64 KiB datagrams) in.
            HostCommand.Run("ip", "link", "set", "dev", name, "txqueuelen", "20000", "mtu", MaxMtu, "up");
        }
        catch
        {
            tap.Dispose();
            throw;
        }
        return tap;
    }

    /// <summary>Waits until a device process has attached (carrier up); false on timeout.</summary>
    public bool WaitForCarrier(TimeSpan timeout, Func<bool>? giveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasCarrier)
            {
                return true;
            }
            if (giveUp?.Invoke() == true)
            {
                return false;
            }
            Thread.Sleep(5);
        }
        return HasCarrier;
    }

    public void Dispose()
    {
        if (_deleted)
        {
            return;
        }
        _deleted = true;
        LiveNames.TryDeleteInterface(Name);
    }
}
