using System.Diagnostics;
using System.Runtime.Versioning;

namespace Rsc.Harness.Live.Linux;

/// <summary>
/// Receives one datagram together with the kernel's receive timestamp (SO_TIMESTAMPNS), so a frame's
/// time is when the kernel took it in, not when a possibly descheduled reader got round to it.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class StampedReceive
{
    private const int ControlSize = 64;

    /// <summary>Asks the kernel to stamp every datagram queued on <paramref name="fd"/>.</summary>
    public static bool Enable(int fd)
    {
        int one = 1;
        return LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, &one, sizeof(int)) == 0;
    }

    /// <summary>
    /// recvmsg into <paramref name="buffer"/>; returns recvmsg's result (negative: see errno).
    /// <paramref name="stopwatchTimestamp"/> is the kernel's stamp on the <see cref="Stopwatch"/>
    /// clock, or 0 when the datagram carried none.
    /// </summary>
    public static nint Receive(int fd, Span<byte> buffer, int flags, void* from, int fromLength, out long stopwatchTimestamp)
    {
        stopwatchTimestamp = 0;
        byte* control = stackalloc byte[ControlSize];
        fixed (byte* data = buffer)
        {
            var iov = new LibC.IoVec { Base = data, Length = (nuint)buffer.Length };
            var message = new LibC.MsgHdr
            {
                Name = from,
                NameLength = (uint)fromLength,
                Iov = &iov,
                IovLength = 1,
                Control = control,
                ControlLength = ControlSize,
            };
            nint n = LibC.recvmsg(fd, &message, flags);
            if (n < 0)
            {
                return n;
            }
            if (FindStamp(control, (int)message.ControlLength) is { } stampNs)
            {
                stopwatchTimestamp = ToStopwatch(stampNs);
            }
            return n;
        }
    }

    private static long? FindStamp(byte* control, int length)
    {
        int offset = 0;
        while (offset + sizeof(LibC.CmsgHdr) <= length)
        {
            var header = (LibC.CmsgHdr*)(control + offset);
            int cmsgLength = (int)header->Length;
            if (cmsgLength < sizeof(LibC.CmsgHdr))
            {
                return null;
            }
            if (header->Level == LibC.SOL_SOCKET && header->Type == LibC.SCM_TIMESTAMPNS
                && cmsgLength >= LibC.CmsgDataOffset + sizeof(LibC.TimeSpec))
            {
                var time = (LibC.TimeSpec*)(control + offset + LibC.CmsgDataOffset);
                return (time->Seconds * 1_000_000_000) + time->Nanoseconds;
            }
            offset += (cmsgLength + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);
        }
        return null;
    }

    /// <summary>
    /// The kernel stamps on the wall clock; the run clock is monotonic. Both are read now, so the
    /// stamp's age carries over; the error is the few ns between the two reads.
    /// </summary>
    private static long ToStopwatch(long realtimeStampNs)
    {
        LibC.TimeSpec now;
        long stopwatchNow = Stopwatch.GetTimestamp();
        LibC.clock_gettime(LibC.CLOCK_REALTIME, &now);
        long ageNs = (now.Seconds * 1_000_000_000) + now.Nanoseconds - realtimeStampNs;
        long ageTicks = Stopwatch.Frequency == 1_000_000_000 ? ageNs : (long)(ageNs * (Stopwatch.Frequency / 1e9));
        return stopwatchNow - Math.Max(0, ageTicks);
    }
}
