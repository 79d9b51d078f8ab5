using System.Text;
using System.Text.Json;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Reports;

/// <summary>
/// guest.jsonl: one JSON object per guest frame with its decoded virtio header, so captures can be
/// inspected with line tools (jq, grep) without a pcap reader that knows virtio.
/// </summary>
public static class GuestJsonl
{
    public static void Write(string path, IEnumerable<GuestFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        AtomicFile.Write(path, stream => WriteTo(stream, frames));
    }

    public static void WriteTo(Stream stream, IEnumerable<GuestFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(frames);
        var newline = "\n"u8.ToArray();
        foreach (var frame in frames)
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                WriteObject(writer, frame);
            }
            stream.Write(newline);
        }
    }

    public static string Line(GuestFrame frame)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, frame);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads guest.jsonl back: per line the frame's index, time and virtio header. Throws
    /// <see cref="FormatException"/> naming the line when a line is not one this class wrote.
    /// </summary>
    public static IReadOnlyList<GuestJsonlLine> Read(string path)
    {
        var lines = new List<GuestJsonlLine>();
        int number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(text);
                var line = document.RootElement;
                var header = new VirtioNetHeader(
                    ParseFlags(line.GetProperty("flags").GetString() ?? ""),
                    ParseGsoType(line.GetProperty("gsoType").GetString() ?? ""),
                    line.GetProperty("hdrLen").GetUInt16(),
                    line.GetProperty("gsoSize").GetUInt16(),
                    line.GetProperty("csumStart").GetUInt16(),
                    line.GetProperty("csumOffset").GetUInt16(),
                    line.GetProperty("numBuffers").GetUInt16());
                lines.Add(new GuestJsonlLine(line.GetProperty("index").GetInt32(), line.GetProperty("timeNs").GetInt64(), header, line.GetProperty("length").GetInt32()));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"'{path}' line {number}: not a guest.jsonl line ({e.Message.ReplaceLineEndings(" ")})", e);
            }
        }
        return lines;
    }

    /// <summary>The flags as <see cref="VirtioNetHeader.FlagsText"/> writes them, back.</summary>
    public static VirtioNetHeaderFlags ParseFlags(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flags = VirtioNetHeaderFlags.None;
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            flags |= part switch
            {
                "NEEDS_CSUM" => VirtioNetHeaderFlags.NeedsCsum,
                "DATA_VALID" => VirtioNetHeaderFlags.DataValid,
                "RSC_INFO" => VirtioNetHeaderFlags.RscInfo,
                _ => (VirtioNetHeaderFlags)ParseHexByte(part),
            };
        }
        return flags;
    }

    /// <summary>gso_type as <see cref="GsoTypeText"/> writes it, back.</summary>
    public static VirtioGsoType ParseGsoType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ecn = text.EndsWith("|ECN", StringComparison.Ordinal);
        var name = ecn ? text[..^4] : text;
        var baseType = name switch
        {
            "NONE" => VirtioGsoType.None,
            "TCPV4" => VirtioGsoType.TcpV4,
            "UDP" => VirtioGsoType.Udp,
            "TCPV6" => VirtioGsoType.TcpV6,
            _ => (VirtioGsoType)ParseHexByte(name),
        };
        return ecn ? baseType | VirtioGsoType.Ecn : baseType;
    }

    private static byte ParseHexByte(string text) =>
        text.StartsWith("0x", StringComparison.Ordinal) && byte.TryParse(text.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var value)
            ? value
            : throw new FormatException($"'{text}' is no virtio header value");

    /// <summary>gso_type as the virtio specification names it: NONE, TCPV4, UDP, TCPV6, with |ECN.</summary>
    public static string GsoTypeText(VirtioGsoType gsoType)
    {
        var ecn = (gsoType & VirtioGsoType.Ecn) != 0;
        var baseType = (VirtioGsoType)((byte)gsoType & 0x7F);
        var name = baseType switch
        {
            VirtioGsoType.None => "NONE",
            VirtioGsoType.TcpV4 => "TCPV4",
            VirtioGsoType.Udp => "UDP",
            VirtioGsoType.TcpV6 => "TCPV6",
            _ => $"0x{(byte)baseType:x2}",
        };
        return ecn ? name + "|ECN" : name;
    }

    private static void WriteObject(Utf8JsonWriter writer, GuestFrame frame)
    {
        var h = frame.Header;
        writer.WriteStartObject();
        writer.WriteNumber("index", frame.Index);
        writer.WriteNumber("timeNs", frame.TimeNs);
        writer.WriteString("flags", VirtioNetHeader.FlagsText(h.Flags));
        writer.WriteString("gsoType", GsoTypeText(h.GsoType));
        writer.WriteNumber("gsoSize", h.GsoSize);
        WriteNullable(writer, "rscSegments", h.RscSegments);
        WriteNullable(writer, "rscDupAcks", h.RscDupAcks);
        writer.WriteNumber("hdrLen", h.HeaderLength);
        writer.WriteNumber("csumStart", h.CsumStart);
        writer.WriteNumber("csumOffset", h.CsumOffset);
        writer.WriteNumber("numBuffers", h.NumBuffers);
        writer.WriteNumber("length", frame.Frame.Length);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

/// <summary>One line of guest.jsonl: the frame's delivery index, time (ns from the start of the case), virtio header and length.</summary>
public sealed record GuestJsonlLine(int Index, long TimeNs, VirtioNetHeader Header, int Length);
