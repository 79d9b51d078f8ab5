using SharpPcap;
using SharpPcap.LibPcap;

namespace Rsc.Harness.Core.Capture;

/// <summary>
/// Reads any capture file libpcap reads — pcapng (Wireshark's default) and classic pcap, either
/// timestamp resolution — through SharpPcap, with nanosecond timestamps. Where libpcap itself is
/// missing (a Windows machine without Npcap) classic pcap files are still read by
/// <see cref="PcapFile"/>, so the harness's own captures stay readable everywhere; pcapng then
/// needs libpcap.
/// </summary>
public static class CaptureFileReader
{
    /// <summary>Every record; throws <see cref="PcapFormatException"/> with a one-line reason on bad input.</summary>
    public static (uint LinkType, List<PcapRecord> Records) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new PcapFormatException($"cannot read '{path}': no such file");
        }
        try
        {
            return ReadWithLibpcap(path);
        }
        catch (Exception e) when (IsLibpcapMissing(e))
        {
            if (IsPcapng(path))
            {
                throw new PcapFormatException($"'{path}' is pcapng, which is read through libpcap, and libpcap is not installed (Debian: libpcap0.8; Windows: Npcap)");
            }
            return PcapFile.Read(path);
        }
    }

    private static (uint LinkType, List<PcapRecord> Records) ReadWithLibpcap(string path)
    {
        using var reader = new CaptureFileReaderDevice(path);
        try
        {
            reader.Open(new SharpPcap.DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
        }
        catch (PcapException e)
        {
            throw new PcapFormatException($"'{path}' is not a pcap or pcapng file ({Reason(e.Message)})");
        }
        var records = new List<PcapRecord>();
        while (true)
        {
            var status = reader.GetNextPacket(out var packet);
            if (status == GetPacketStatus.NoRemainingPackets)
            {
                break;
            }
            if (status != GetPacketStatus.PacketRead)
            {
                throw new PcapFormatException($"'{path}': record {records.Count + 1} is unreadable ({Reason(reader.LastError)})");
            }
            var data = packet.Data.ToArray();
            int original = packet.Header is PcapHeader header ? (int)header.PacketLength : data.Length;
            records.Add(new PcapRecord(ToNanoseconds(packet.Header.Timeval), data, original));
        }
        return ((uint)reader.LinkType, records);
    }

    /// <summary>A timestamp opened at nanosecond resolution, as ns since the epoch.</summary>
    public static long ToNanoseconds(PosixTimeval timeval)
    {
        ArgumentNullException.ThrowIfNull(timeval);
        return (long)(timeval.Value * 1_000_000_000m);
    }

    private static bool IsLibpcapMissing(Exception e) =>
        e is DllNotFoundException || (e is TypeInitializationException { InnerException: { } inner } && IsLibpcapMissing(inner));

    private static bool IsPcapng(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual<byte>([0x0A, 0x0D, 0x0D, 0x0A]);
    }

    private static string Reason(string? message)
    {
        var text = (message ?? "").ReplaceLineEndings(" ").Trim();
        const string prefix = "Unable to open offline adapter: ";
        return text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text.Length == 0 ? "libpcap gave no reason" : text;
    }
}
