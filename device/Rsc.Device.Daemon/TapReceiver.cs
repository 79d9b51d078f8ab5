using System.Runtime.Versioning;
using Rsc.Device.Daemon.Linux;

namespace Rsc.Device.Daemon;

/// <summary>
/// Reads the TAP when the loop says it is readable and feeds each frame to the engine, through one
/// reused buffer. A few frames per wake-up, so due timers are never kept waiting behind a flood.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TapReceiver(TapFile tap, RscEngine engine, Action<string> warn)
{
    /// <summary>Room for the vnet header and the largest frame a TAP can carry (64 KiB MTU + Ethernet header).</summary>
    public const int BufferSize = 65_536 + 256;

    /// <summary>Frames read per wake-up before the loop looks at its timers again.</summary>
    public const int FramesPerWake = 8;

    private const short ErrorEvents = LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL;

    private readonly byte[] _buffer = GC.AllocateArray<byte>(BufferSize, pinned: true);

    /// <summary>Frames handed to the engine.</summary>
    public long Received { get; private set; }

    /// <summary>Reads dropped: shorter than the vnet header, or carrying a GSO header (offloads are never enabled).</summary>
    public long Dropped { get; private set; }

    /// <summary>Reads what is waiting (up to <see cref="FramesPerWake"/> frames) without being told it is readable.</summary>
    public void Poll() => OnReady(0);

    public void OnReady(short events)
    {
        for (int i = 0; i < FramesPerWake; i++)
        {
            int length = tap.Read(_buffer);
            if (length == 0)
            {
                if ((events & ErrorEvents) != 0)
                {
                    throw new DaemonException($"tap '{tap.Name}' reported an error (poll events 0x{events:x}); was it deleted?");
                }
                return;
            }
            Handle(length);
        }
    }

    private void Handle(int length)
    {
        // The warning is formatted for the first drop only: nothing is allocated per frame.
        if (length < TapFile.VnetHeaderSize)
        {
            if (Dropped++ == 0)
            {
                Warn($"tap '{tap.Name}': dropped a {length}-byte read, shorter than the vnet header");
            }
            return;
        }
        byte gsoType = _buffer[1];
        if (gsoType != 0)
        {
            if (Dropped++ == 0)
            {
                Warn($"tap '{tap.Name}': dropped a frame with gso_type {gsoType} (offloads are off; the kernel should not send these)");
            }
            return;
        }
        Received++;
        engine.Receive(_buffer.AsSpan(TapFile.VnetHeaderSize, length - TapFile.VnetHeaderSize));
    }

    /// <summary>The first drop's warning; later drops are only counted (the log carries nothing per frame).</summary>
    private void Warn(string firstWarning) => warn(firstWarning + "; further drops are only counted");
}
