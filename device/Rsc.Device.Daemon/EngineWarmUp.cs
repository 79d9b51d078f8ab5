using System.Buffers.Binary;
using Rsc.Device.Net;

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

    /// <returns>
    /// The two throwaway engines' statistics (flushed on the loop's clock; drained by timers on a
    /// clock of its own), so a test can see which paths were taken.
    /// </returns>
    public static (RscStatistics Flushed, RscStatistics Timed) Run(RscEngineOptions options, TimeProvider time)
    {
        var frames = Frames();
        // The real engine's faults take the same paths; a flow cap of 0 would skip the coalescing code.
        var warmUpOptions = options with { MaxCachedFlows = Math.Max(options.MaxCachedFlows, 4) };
        using var engine = new RscEngine(warmUpOptions, time, new DiscardingSink());
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
        using var timed = new RscEngine(warmUpOptions, clock, new DiscardingSink());
        for (int round = 0; round < Rounds; round++)
        {
            foreach (var frame in frames)
            {
                timed.Receive(frame);
            }
            clock.FireAll();
        }
        return (engine.Statistics, timed.Statistics);
    }

    /// <summary>
    /// Every path of the engine at least once, in both protocols: merges, PSH, pure and duplicate
    /// ACKs (with SACK), window updates, retransmissions and gaps, ECN flags, URG, options that end
    /// a unit, timestamps (and one going backwards), header changes, the 64 KB limit, FIN and RST,
    /// and frames that bypass (fragments, IPv4 options, IPv6 extension headers, bad checksums,
    /// malformed headers, non-TCP). A path first taken on a live frame pays for its compilation there.
    /// </summary>
    private static List<byte[]> Frames()
    {
        var frames = new List<byte[]>();
        byte[] timestamps(uint value) => [1, 1, 8, 10, (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value, 0, 0, 0, 1];
        byte[] sack = [1, 1, 5, 10, 0, 0, 0x10, 0, 0, 0, 0x20, 0];
        byte[] mss = [2, 4, 5, 0xB4];
        foreach (bool ipv6 in (ReadOnlySpan<bool>)[false, true])
        {
            // The basic unit: three data segments, the last with PSH, then a pure ACK and a FIN.
            uint seq = 1000;
            for (int i = 0; i < 3; i++)
            {
                frames.Add(Segment(new(ipv6, 40000, seq, Flags.Ack | (i == 2 ? Flags.Psh : 0), PayloadBytes)));
                seq += PayloadBytes;
            }
            frames.Add(Segment(new(ipv6, 40000, seq, Flags.Ack, 0)));
            frames.Add(Segment(new(ipv6, 40000, seq, Flags.Ack | Flags.Fin, 0)));

            // ACK handling: advancing pure ACKs, duplicate ACKs (one with SACK), a window update,
            // an ACK going backwards, data after them.
            seq = 50_000;
            var ack = new Spec(ipv6, 40001, seq, Flags.Ack, PayloadBytes) { Ack = 100 };
            frames.Add(Segment(ack));
            seq += PayloadBytes;
            frames.Add(Segment(ack with { Seq = seq, Payload = 0, Ack = 200 }));
            frames.Add(Segment(ack with { Seq = seq, Payload = 0, Ack = 300 }));
            frames.Add(Segment(ack with { Seq = seq, Payload = 0, Ack = 300 }));
            frames.Add(Segment(ack with { Seq = seq, Payload = 0, Ack = 300, Options = sack }));
            frames.Add(Segment(ack with { Seq = seq, Payload = 0, Ack = 300, Window = 30000 }));
            frames.Add(Segment(ack with { Seq = seq, Ack = 300 }));
            seq += PayloadBytes;
            frames.Add(Segment(ack with { Seq = seq, Ack = 250 }));
            seq += PayloadBytes;

            var window = new Spec(ipv6, 40006, 70_000, Flags.Ack, PayloadBytes);
            frames.Add(Segment(window));
            frames.Add(Segment(window with { Seq = 70_000 + PayloadBytes, Payload = 0, Window = 30000 }));

            // Sequence: a retransmission and a gap; flags: ECE, CWR, URG; an MSS option; RST.
            frames.Add(Segment(ack with { Seq = seq - PayloadBytes, Ack = 300 }));
            frames.Add(Segment(ack with { Seq = seq + 5000, Ack = 300 }));
            seq += 5000 + PayloadBytes;
            frames.Add(Segment(ack with { Seq = seq, Ack = 300, Flags = Flags.Ack | Flags.Ece }));
            seq += PayloadBytes;
            frames.Add(Segment(ack with { Seq = seq, Ack = 300, Flags = Flags.Ack | Flags.Cwr }));
            seq += PayloadBytes;
            frames.Add(Segment(ack with { Seq = seq, Ack = 300, Flags = Flags.Ack | Flags.Urg, Urgent = 1 }));
            seq += PayloadBytes;
            frames.Add(Segment(ack with { Seq = seq, Ack = 300, Options = mss }));
            seq += PayloadBytes;
            frames.Add(Segment(ack with { Seq = seq, Ack = 300, Flags = Flags.Ack | Flags.Rst, Payload = 0 }));

            // Timestamps: rising, repeated, then going backwards.
            seq = 90_000;
            var stamped = new Spec(ipv6, 40002, seq, Flags.Ack, PayloadBytes);
            foreach (uint value in (ReadOnlySpan<uint>)[10, 11, 11, 5])
            {
                frames.Add(Segment(stamped with { Seq = seq, Options = timestamps(value) }));
                seq += PayloadBytes;
            }

            // Header fields: TTL / hop limit, DSCP / traffic class, (IPv4) DF, ECN codepoint.
            seq = 120_000;
            var header = new Spec(ipv6, 40003, seq, Flags.Ack, PayloadBytes);
            foreach (var change in (ReadOnlySpan<Spec>)[header, header with { Ttl = 60 }, header with { Tos = 0x20 }, header with { Tos = 0x21 }, header with { NoDf = true }])
            {
                frames.Add(Segment(change with { Seq = seq }));
                seq += PayloadBytes;
            }

            // The size limit: full-sized segments until a unit cannot take another.
            seq = 200_000;
            for (int i = 0; i < 47; i++)
            {
                frames.Add(Segment(new(ipv6, 40004, seq, Flags.Ack, 1400)));
                seq += 1400;
            }

            // Bypassed: a fragment, IPv4 options / an IPv6 extension header, bad checksums, malformed headers.
            seq = 300_000;
            var odd = new Spec(ipv6, 40005, seq, Flags.Ack, PayloadBytes);
            frames.Add(Segment(odd));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes, Fragment = true }));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes, IpExtension = true }));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes, BadTcpChecksum = true }));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes, BadIpChecksum = true }));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes, DataOffsetWords = 3 }));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes, DataOffsetWords = 15 }));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes, Protocol = 17 }));
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes })[..(14 + (ipv6 ? 20 : 10))]);
            frames.Add(Segment(odd with { Seq = seq += PayloadBytes })[..(14 + (ipv6 ? 40 : 20) + 10)]);
        }
        var other = new byte[60];
        BinaryPrimitives.WriteUInt16BigEndian(other.AsSpan(12), 0x0806); // ARP
        frames.Add(other);
        return frames;
    }

    /// <summary>One made-up segment; the defaults are a plain in-order data segment.</summary>
    private sealed record Spec(bool Ipv6, ushort SourcePort, uint Seq, int Flags, int Payload)
    {
        public uint Ack { get; init; } = 1;
        public ushort Window { get; init; } = 65535;
        public byte[] Options { get; init; } = [];
        public ushort Urgent { get; init; }
        public byte Ttl { get; init; } = 64;
        public byte Tos { get; init; }
        public bool NoDf { get; init; }
        public bool Fragment { get; init; }
        public bool IpExtension { get; init; }
        public bool BadTcpChecksum { get; init; }
        public bool BadIpChecksum { get; init; }
        public int DataOffsetWords { get; init; }
        public byte Protocol { get; init; } = 6;
    }

    private static byte[] Segment(Spec spec)
    {
        // IPv4 options / an IPv6 hop-by-hop header: 8 bytes either way.
        int extension = spec.IpExtension ? 8 : 0;
        int ipHeader = (spec.Ipv6 ? 40 : 20) + extension;
        int tcpHeader = 20 + spec.Options.Length;
        int tcpLength = tcpHeader + spec.Payload;
        var frame = new byte[14 + ipHeader + tcpLength];
        var span = frame.AsSpan();
        span[0] = 0x02;
        span[6] = 0x02;
        span[11] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], spec.Ipv6 ? (ushort)0x86DD : (ushort)0x0800);
        var ip = span[14..];
        byte protocol = spec.Fragment && spec.Ipv6 ? (byte)44 : spec.Protocol;
        if (spec.Ipv6)
        {
            ip[0] = (byte)(0x60 | (spec.Tos >> 4));
            ip[1] = (byte)(spec.Tos << 4);
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(extension + tcpLength));
            ip[6] = spec.IpExtension ? (byte)0 : protocol;
            ip[7] = spec.Ttl;
            ip[8] = 0xFD;
            ip[23] = 1;
            ip[24] = 0xFD;
            ip[39] = 2;
            if (spec.IpExtension)
            {
                ip[40] = protocol; // hop-by-hop: next header, length 0, PadN
                ip[42] = 1;
                ip[43] = 4;
            }
        }
        else
        {
            ip[0] = (byte)(0x45 + extension / 4);
            ip[1] = spec.Tos;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(ipHeader + tcpLength));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)spec.Seq);
            ip[6] = (byte)((spec.NoDf ? 0 : 0x40) | (spec.Fragment ? 0x20 : 0)); // DF, MF
            ip[8] = spec.Ttl;
            ip[9] = protocol;
            ip[12] = 10;
            ip[15] = 1;
            ip[16] = 10;
            ip[19] = 2;
            for (int i = 20; i < ipHeader; i++)
            {
                ip[i] = 1; // NOP options
            }
            ushort checksum = InternetChecksum.Complement(InternetChecksum.Sum(ip[..ipHeader]));
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], spec.BadIpChecksum ? (ushort)(checksum ^ 0x5555) : checksum);
        }
        var tcp = ip[ipHeader..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, spec.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 5001);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], spec.Seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], spec.Ack);
        tcp[12] = (byte)((spec.DataOffsetWords != 0 ? spec.DataOffsetWords : tcpHeader / 4) << 4);
        tcp[13] = (byte)spec.Flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], spec.Window);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[18..], spec.Urgent);
        spec.Options.CopyTo(tcp[20..]);
        for (int i = 0; i < spec.Payload; i++)
        {
            tcp[tcpHeader + i] = (byte)(spec.Seq + i);
        }
        // The engine's own checksum code (TCP pseudo-header; the non-TCP variants bypass either way).
        var addresses = spec.Ipv6 ? ip.Slice(8, 32) : ip.Slice(12, 8);
        ushort tcpChecksum = InternetChecksum.Complement(
            InternetChecksum.Combine(InternetChecksum.PseudoHeader(addresses, tcpLength), InternetChecksum.Sum(tcp[..tcpLength])));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], spec.BadTcpChecksum ? (ushort)(tcpChecksum ^ 0x5555) : tcpChecksum);
        return frame;
    }

    private static class Flags
    {
        public const int Fin = 0x01;
        public const int Rst = 0x04;
        public const int Psh = 0x08;
        public const int Ack = 0x10;
        public const int Urg = 0x20;
        public const int Ece = 0x40;
        public const int Cwr = 0x80;
    }

    private sealed class DiscardingSink : IGuestSink
    {
        public void Deliver(ReadOnlySpan<byte> headerAndFrame)
        {
        }
    }
}
