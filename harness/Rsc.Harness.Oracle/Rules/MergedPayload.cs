using Rsc.Harness.Oracle.Internal;
namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// Whether a guest frame's payload is the concatenation of a unit's data segments, compared once:
/// every end of a run shares its data (pure ACKs carry none), so the readings of one guest frame
/// from one start share one of these.
/// </summary>
internal sealed class MergedPayload
{
    private long? _firstDifference;

    /// <summary>The first byte where the guest payload differs from the merged segments' payloads; -1 when they are equal.</summary>
    public long FirstDifference(GuestInfo guest, UnitSummary unit) => _firstDifference ??= Compare(guest, unit);

    private static long Compare(GuestInfo guest, UnitSummary unit)
    {
        var delivered = guest.Payload;
        int offset = 0;
        foreach (var segment in unit.DataSegmentsInOrder)
        {
            var part = segment.Packet.Payload;
            int take = Math.Min(part.Length, delivered.Length - offset);
            var slice = delivered.Slice(offset, take);
            if (!slice.SequenceEqual(part[..take]))
            {
                return offset + slice.CommonPrefixLength(part);
            }
            if (take < part.Length)
            {
                return offset + take;
            }
            offset += take;
        }
        return offset == delivered.Length ? -1 : offset;
    }
}
