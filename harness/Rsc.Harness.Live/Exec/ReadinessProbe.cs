using System.Buffers.Binary;
using System.Runtime.Versioning;
using System.Text;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Live.Exec;

/// <summary>
/// Before a case, the harness sends a few UDP frames (never coalesced, so they leave the device's
/// TCP state untouched) and waits for each on the guest socket. A device that passes them is alive
/// and has every path a frame takes warmed up (a freshly started process compiles its code on first
/// use, which would otherwise delay the case's first frames by milliseconds).
/// </summary>
[SupportedOSPlatform("linux")]
public static class ReadinessProbe
{
    public const int Frames = 10;

    /// <summary>Pause between probes: a freshly started device finishes its start-up work meanwhile.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("rsc readiness probe ");

    /// <summary>Sends the probes and consumes their deliveries; throws <see cref="DeviceFailureException"/> when one does not come back.</summary>
    public static void Run(PacketSocket inject, GuestSocket socket, Func<string?> deviceProblem)
    {
        ArgumentNullException.ThrowIfNull(inject);
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(deviceProblem);
        for (int i = 0; i < Frames; i++)
        {
            var probe = Build(i);
            if (i > 0)
            {
                Thread.Sleep(Gap);
            }
            inject.Send(probe);
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                if (deviceProblem() is { } problem)
                {
                    throw new DeviceFailureException($"device failed the readiness probe: {problem}");
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new DeviceFailureException($"device did not deliver readiness probe {i} (a UDP frame) within {Timeout.TotalSeconds:0} s");
                }
                var got = socket.Receive(20);
                if (got is { } delivered)
                {
                    if (delivered.Frame.AsSpan().SequenceEqual(probe))
                    {
                        break;
                    }
                    throw new DeviceFailureException(
                        $"device delivered something other than readiness probe {i} before the case started: {GuestMessage.Quote(delivered.Frame, 48)}");
                }
            }
        }
    }

    /// <summary>Ethernet + IPv4 + UDP (documentation addresses, discard port) with a marker payload.</summary>
    public static byte[] Build(int sequence)
    {
        var payload = new byte[Marker.Length + 4];
        Marker.CopyTo(payload, 0);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(Marker.Length), sequence);
        var frame = new byte[14 + 20 + 8 + payload.Length];
        FlowSpec.DefaultGuestMac.CopyTo(frame, 0);
        FlowSpec.DefaultPeerMac.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(0x7000 + sequence));
        ip[6] = 0x40;
        ip[8] = 64;
        ip[9] = 17;
        byte[] source = [192, 0, 2, 254];
        byte[] destination = [192, 0, 2, 253];
        source.CopyTo(ip[12..]);
        destination.CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip));
        var udp = frame.AsSpan(34, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, 9);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 9);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(frame, 42);
        return frame;
    }
}
