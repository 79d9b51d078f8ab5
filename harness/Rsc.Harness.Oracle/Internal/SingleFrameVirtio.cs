using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>virtio header rules for a frame that carries exactly one sent frame (VS, interpretation.md 5).</summary>
internal static class SingleFrameVirtio
{
    public static void Check(GuestInfo g, IFindingSink sink)
    {
        var h = g.Frame.Header;
        if (h.HasRscInfo)
        {
            sink.Add(OracleRules.RscInfoOnSingle, Severity.Fail,
                () => $"guest frame {g.Index} carries one sent frame, expected no RSC_INFO; observed RSC_INFO (segments={h.CsumStart}, dupAcks={h.CsumOffset})");
        }
        if (h.GsoType != VirtioGsoType.None)
        {
            sink.Add(OracleRules.GsoType, Severity.Fail,
                () => $"guest frame {g.Index} carries one sent frame, expected gso_type NONE; observed {h.GsoType} (gso_size {h.GsoSize})");
        }
        if (h.DataValid && g.ChecksumsBad)
        {
            sink.Add(OracleRules.DataValidBadChecksum, Severity.Fail,
                () => $"guest frame {g.Index} is marked DATA_VALID but its {BadChecksums(g)} checksum is wrong");
        }
    }

    public static string BadChecksums(GuestInfo g)
    {
        var bad = new List<string>(2);
        if (!g.Packet.IpChecksumValid) bad.Add("IPv4 header");
        if (g.Packet.Shape == Core.Net.PacketShape.Tcp && !g.Packet.TcpChecksumValid) bad.Add("TCP");
        return string.Join(" and ", bad);
    }
}
