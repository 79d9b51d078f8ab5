using System.Buffers.Binary;

namespace Rsc.Harness.Core.Capture;

/// <summary>One packet record of a capture file: timestamp in ns and the frame bytes.</summary>
public sealed record PcapRecord(long TimestampNs, byte[] Data, int OriginalLength);

/// <summary>A capture file is unreadable or not a classic pcap.</summary>
public sealed class PcapFormatException(string message) : Exception(message);

/// <summary>
/// Classic libpcap files (the format every tool reads). Written with nanosecond timestamps
/// (magic a1b23c4d), read in either resolution and either byte order.
/// </summary>
public static class PcapFile
{
    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint MagicNanoseconds = 0xA1B23C4D;
    public const uint LinkTypeEthernet = 1;
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const int MaxSnapLength = 262_144;

    /// <summary>Writes <paramref name="records"/> to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static void Write(string path, IEnumerable<PcapRecord> records, long epochNs = 0)
    {
        ArgumentNullException.ThrowIfNull(records);
        AtomicFile.Write(path, stream => WriteTo(stream, records, epochNs));
    }

    public static void WriteTo(Stream stream, IEnumerable<PcapRecord> records, long epochNs = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        Span<byte> header = stackalloc byte[GlobalHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, MagicNanoseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], MaxSnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        stream.Write(header);
        Span<byte> rec = stackalloc byte[RecordHeaderLength];
        foreach (var r in records)
        {
            long t = epochNs + r.TimestampNs;
            BinaryPrimitives.WriteUInt32LittleEndian(rec, (uint)(t / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(rec[4..], (uint)(t % 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(rec[8..], (uint)r.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(rec[12..], (uint)Math.Max(r.OriginalLength, r.Data.Length));
            stream.Write(rec);
            stream.Write(r.Data);
        }
    }

    /// <summary>Reads every record; throws <see cref="PcapFormatException"/> with a one-line reason on bad input.</summary>
    public static (uint LinkType, List<PcapRecord> Records) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PcapFormatException($"cannot read '{path}': {e.Message}");
        }
        return Parse(bytes, path);
    }

    public static (uint LinkType, List<PcapRecord> Records) Parse(ReadOnlySpan<byte> bytes, string name = "capture")
    {
        if (bytes.Length < GlobalHeaderLength)
        {
            throw new PcapFormatException($"'{name}' is not a pcap file: {bytes.Length} bytes, shorter than its header");
        }
        uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        uint magicBe = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        bool littleEndian;
        bool nanos;
        if (magicLe is MagicMicroseconds or MagicNanoseconds)
        {
            littleEndian = true;
            nanos = magicLe == MagicNanoseconds;
        }
        else if (magicBe is MagicMicroseconds or MagicNanoseconds)
        {
            littleEndian = false;
            nanos = magicBe == MagicNanoseconds;
        }
        else if (magicLe == 0x0A0D0D0A)
        {
            throw new PcapFormatException($"'{name}' is pcapng; convert it with 'editcap -F pcap' first");
        }
        else
        {
            throw new PcapFormatException($"'{name}' is not a pcap file (magic 0x{magicLe:x8})");
        }
        uint U32(ReadOnlySpan<byte> s) => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        uint linkType = U32(bytes[20..]) & 0xFFFF;
        var records = new List<PcapRecord>();
        int offset = GlobalHeaderLength;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < RecordHeaderLength)
            {
                throw new PcapFormatException($"'{name}': record {records.Count + 1} header truncated at byte {offset}");
            }
            var h = bytes.Slice(offset, RecordHeaderLength);
            long seconds = U32(h);
            long fraction = U32(h[4..]);
            uint captured = U32(h[8..]);
            uint original = U32(h[12..]);
            if (captured > MaxSnapLength || captured > bytes.Length - offset - RecordHeaderLength)
            {
                throw new PcapFormatException($"'{name}': record {records.Count + 1} claims {captured} bytes, more than the file holds");
            }
            long ns = (seconds * 1_000_000_000) + (nanos ? fraction : fraction * 1_000);
            records.Add(new PcapRecord(ns, bytes.Slice(offset + RecordHeaderLength, (int)captured).ToArray(), (int)original));
            offset += RecordHeaderLength + (int)captured;
        }
        return (linkType, records);
    }
}
