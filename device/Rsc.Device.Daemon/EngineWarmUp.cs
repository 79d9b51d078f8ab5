using System.Buffers.Binary;

namespace Rsc.Device.Daemon;

/// <summary>
/// Runs made-up traffic through a throwaway engine before the daemon serves the TAP, so the first real
/// frames do not pay for JIT compilation (tens of milliseconds, enough to merge segments that arrived
/// an interval apart). Nothing reaches the guest: the throwaway engine's sink discards everything.
/// </summary>
internal static class EngineWarmUp
{
    private const int Rounds = 40;
    private const int PayloadBytes = 512;

    /// <returns>The throwaway engine's statistics, so a test can see the coalescing path was taken.</returns>
    public static RscStatistics Run(RscEngineOptions options, TimeProvider time)
    {
        var frames = Frames();
        // The real engine's faults take the same paths; a flow cap of 0 would skip the coalescing code.
        using var engine = new RscEngine(options with { MaxCachedFlows = Math.Max(options.MaxCachedFlows, 4) }, time, new DiscardingSink());
        for (int round = 0; round < Rounds; round++)
        {
            foreach (var frame in frames)
            {
                engine.Receive(frame);
            }
            engine.Flush();
        }
        // Again with timers that fire: the drain path, not only the flush path, gets compiled.
        var clock = new WarmUpClock();
        using (var timed = new RscEngine(options with { MaxCachedFlows = Math.Max(options.MaxCachedFlows, 4) }, clock, new DiscardingSink()))
        {
            for (int round = 0; round < Rounds; round++)
            {
                foreach (var frame in frames)
                {
                    timed.Receive(frame);
                }
                clock.FireAll();
            }
        }
        return engine.Statistics;
    }

    /// <summary>Per protocol: three in-order data segments, a pure ACK, a FIN; then one non-IP frame.</summary>
    private static List<byte[]> Frames()
    {
        var frames = new List<byte[]>();
        foreach (bool ipv6 in (ReadOnlySpan<bool>)[false, true])
        {
            uint seq = 1000;
            for (int i = 0; i < 3; i++)
            {
                frames.Add(Segment(ipv6, seq, (byte)(Flags.Ack | (i == 2 ? Flags.Psh : 0)), PayloadBytes));
                seq += PayloadBytes;
            }
            frames.Add(Segment(ipv6, seq, Flags.Ack, 0));
            frames.Add(Segment(ipv6, seq, (byte)(Flags.Ack | Flags.Fin), 0));
        }
        var other = new byte[60];
        BinaryPrimitives.WriteUInt16BigEndian(other.AsSpan(12), 0x0806); // ARP
        frames.Add(other);
        return frames;
    }

    private static byte[] Segment(bool ipv6, uint seq, byte flags, int payloadLength)
    {
        int ipHeader = ipv6 ? 40 : 20;
        var frame = new byte[14 + ipHeader + 20 + payloadLength];
        var span = frame.AsSpan();
        // Ethernet: locally administered addresses, never sent anywhere.
        span[0] = 0x02;
        span[6] = 0x02;
        span[11] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], ipv6 ? (ushort)0x86DD : (ushort)0x0800);
        var ip = span[14..];
        int tcpLength = 20 + payloadLength;
        if (ipv6)
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)tcpLength);
            ip[6] = 6;
            ip[7] = 64;
            ip[8] = 0xFD;
            ip[23] = 1;
            ip[24] = 0xFD;
            ip[39] = 2;
        }
        else
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + tcpLength));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)seq);
            ip[6] = 0x40; // DF
            ip[8] = 64;
            ip[9] = 6;
            ip[12] = 10;
            ip[15] = 1;
            ip[16] = 10;
            ip[19] = 2;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Fold(Sum(ip[..20], 0)));
        }
        var tcp = ip[ipHeader..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 40000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 5001);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], 1);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        for (int i = 0; i < payloadLength; i++)
        {
            tcp[20 + i] = (byte)(seq + i);
        }
        // Pseudo-header: addresses, protocol, TCP length.
        ulong pseudo = ipv6 ? Sum(ip.Slice(8, 32), 0) : Sum(ip.Slice(12, 8), 0);
        pseudo += 6u + (uint)tcpLength;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Fold(Sum(tcp[..tcpLength], pseudo)));
        return frame;
    }

    private static ulong Sum(ReadOnlySpan<byte> data, ulong sum)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }
        return sum;
    }

    private static ushort Fold(ulong sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    private static class Flags
    {
        public const byte Fin = 0x01;
        public const byte Psh = 0x08;
        public const byte Ack = 0x10;
    }

    private sealed class DiscardingSink : IGuestSink
    {
        public int Delivered { get; private set; }

        public void Deliver(ReadOnlySpan<byte> headerAndFrame) => Delivered++;
    }
}
