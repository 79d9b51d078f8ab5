using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Tests.Support;

/// <summary>
/// Builds, by hand and from the segment models, what a correct device would hand the guest for a
/// run of segments: the merged segment and its virtio header.
/// </summary>
internal static class TestCoalescer
{
    public static SegmentSpec Merge(IReadOnlyList<SegmentSpec> run)
    {
        var first = run[0];
        var last = run[^1];
        var payload = run.SelectMany(s => s.Payload.ToArray()).ToArray();
        bool psh = run.Any(s => (s.Flags & TcpFlags.Psh) != 0);
        var flags = TcpFlags.Ack | (first.Flags & (TcpFlags.Ece | TcpFlags.Cwr)) | (psh ? TcpFlags.Psh : TcpFlags.None);
        TimestampOption? latest = null;
        foreach (var s in run)
        {
            var ts = s.Options.OfType<TimestampOption>().FirstOrDefault();
            if (ts is not null && (latest is null || unchecked((int)(ts.TsVal - latest.TsVal)) >= 0))
            {
                latest = ts;
            }
        }
        return first with
        {
            Ack = last.Ack,
            Window = last.Window,
            Flags = flags,
            Payload = payload,
            Ttl = run.Min(s => s.Ttl),
            Options = latest is null ? [] : TcpOption.AlignedTimestamp(latest.TsVal, latest.TsEcr),
            Ipv4Options = [],
            ExtensionHeaders = [],
            ChecksumDamage = ChecksumDamage.None,
        };
    }

    /// <summary>Duplicate ACKs absorbed: pure ACKs after the first that repeat the previous ACK and window.</summary>
    public static int CountDupAcks(IReadOnlyList<SegmentSpec> run)
    {
        int dups = 0;
        for (int i = 1; i < run.Count; i++)
        {
            var s = run[i];
            if (s.IsPureAck && s.Ack == run[i - 1].Ack && s.Window == run[i - 1].Window)
            {
                dups++;
            }
        }
        return dups;
    }

    public static VirtioNetHeader Header(IReadOnlyList<SegmentSpec> run, int? dupAcks = null)
    {
        int segments = run.Count(s => s.PayloadLength > 0);
        int mss = run.Max(s => s.PayloadLength);
        var gso = segments == 0 ? VirtioGsoType.None : run[0].Flow.IpVersion == 6 ? VirtioGsoType.TcpV6 : VirtioGsoType.TcpV4;
        return new VirtioNetHeader(
            VirtioNetHeaderFlags.NeedsCsum | VirtioNetHeaderFlags.RscInfo,
            gso,
            0,
            (ushort)mss,
            (ushort)segments,
            (ushort)(dupAcks ?? CountDupAcks(run)),
            1);
    }
}
