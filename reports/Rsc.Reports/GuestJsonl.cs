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
