using Rsc.Harness.Oracle.Internal;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// A reading of one guest frame as the delivery of one unit: the frame, the unit's summary, and
/// the facts derived from both that rules and the alignment's score look at. Read-only.
/// </summary>
internal sealed class UnitView
{
    private const TcpFlags EcnFlags = TcpFlags.Ece | TcpFlags.Cwr;

    private readonly MergedPayload _payload;
    private IReadOnlyList<string>? _headerFieldDifferences;

    public UnitView(GuestInfo guest, UnitSummary unit, OracleSettings settings, MergedPayload? payload = null)
    {
        Guest = guest;
        Unit = unit;
        Settings = settings;
        _payload = payload ?? new MergedPayload();
        int ipHeader = unit.IsV4 ? 20 : 40;
        long built = ipHeader + unit.First.Packet.TcpHeaderLength + unit.PayloadSum;
        // IPv4 limits the total length; IPv6 the payload length (both 16-bit fields).
        CountedDatagram = unit.IsV4 ? built : built - 40;
        ObservedDatagram = unit.IsV4 ? guest.DatagramBytes : guest.DatagramBytes - 40;
        Oversized = CountedDatagram > settings.MaxIpDatagram || ObservedDatagram > settings.MaxIpDatagram || guest.Oversized;
    }

    public GuestInfo Guest { get; }
    public UnitSummary Unit { get; }
    public OracleSettings Settings { get; }

    /// <summary>The delivered frame's headers.</summary>
    public ParsedPacket Delivered => Guest.Packet;

    /// <summary>The delivered frame's virtio header.</summary>
    public VirtioNetHeader Header => Guest.Frame.Header;

    /// <summary>The IP datagram (IPv6: payload) the merged segments make, in bytes.</summary>
    public long CountedDatagram { get; }

    /// <summary>The IP datagram (IPv6: payload) the delivered frame holds, in bytes.</summary>
    public long ObservedDatagram { get; }

    /// <summary>The unit exceeds what the IP length field can say (<see cref="OracleSettings.MaxIpDatagram"/>): lengths and checksums are not judged then.</summary>
    public bool Oversized { get; }

    /// <summary>The delivered frame carries PSH.</summary>
    public bool DeliveredPsh => (Delivered.Flags & TcpFlags.Psh) != 0;

    /// <summary>TCP flags besides PSH that are judged: ECE/CWR drop out when they change inside the unit.</summary>
    public TcpFlags FlagsMask => ~TcpFlags.Psh & (Unit.EcnChanges ? ~EcnFlags : ~TcpFlags.None);

    /// <summary>ACK plus the ECE/CWR the segments share, under <see cref="FlagsMask"/>.</summary>
    public TcpFlags ExpectedFlags => Unit.First.Packet.Flags & (TcpFlags.Ack | EcnFlags) & FlagsMask;

    public TcpFlags ObservedFlags => Delivered.Flags & FlagsMask;

    /// <summary>The flags besides PSH are judged only when no merged segment carries SYN/FIN/RST/URG (that merge is the finding).</summary>
    public bool FlagsContradict => !Unit.HasExceptionFlags && ExpectedFlags != ObservedFlags;

    /// <summary>gso_type without the ECN bit.</summary>
    public VirtioGsoType BaseGsoType => (VirtioGsoType)((byte)Header.GsoType & 0x7F);

    /// <summary>The TCP gso_type of the unit's IP version.</summary>
    public VirtioGsoType TcpGsoType => Unit.IsV4 ? VirtioGsoType.TcpV4 : VirtioGsoType.TcpV6;

    /// <summary>
    /// The timestamp option differs from the latest segment's (or one appears where no segment had
    /// one); not judged when the segments disagree on carrying it.
    /// </summary>
    public bool TimestampContradicts
    {
        get
        {
            if (Unit.TimestampPresenceDiffers)
            {
                return false;
            }
            var observed = Guest.Timestamp;
            if (Unit.LatestTimestamp is not { } latest)
            {
                return observed is not null;
            }
            var wanted = latest.Timestamp!.Value;
            return observed is null || observed.Value.TsVal != wanted.TsVal || observed.Value.TsEcr != wanted.TsEcr;
        }
    }

    /// <summary>The IP length field disagrees with the frame (a frame padded to Ethernet's 60-byte minimum aside).</summary>
    public bool LengthFieldWrong
    {
        get
        {
            bool padded = Delivered.IpDatagramLength + 14 < 60 && Guest.Frame.Frame.Length == 60;
            return Delivered.IpDatagramLength != Guest.DatagramBytes && !padded;
        }
    }

    /// <summary>The delivered checksum is wrong: the IPv4 header's, or TCP's without NEEDS_CSUM.</summary>
    public bool DeliveredChecksumBad =>
        !Delivered.IpChecksumValid || (!Delivered.TcpChecksumValid && !Header.NeedsChecksum);

    /// <summary>DATA_VALID over a bad checksum: a merged segment's, or the delivered frame's own.</summary>
    public bool DataValidOverBadChecksum => Header.DataValid && (Unit.AnyBadChecksum || (!Oversized && DeliveredChecksumBad));

    /// <summary>The first byte where the payload differs from the merged segments'; -1 when it is their concatenation.</summary>
    public long PayloadDifference => _payload.FirstDifference(Guest, Unit);

    /// <summary>
    /// Header fields that differ from the merged segments' (expected/observed): Ethernet header,
    /// DSCP, ECN, DF, flow label, fragment fields, urgent pointer. Fields that already differ among
    /// the segments are left to the merge's own finding.
    /// </summary>
    public IReadOnlyList<string> HeaderFieldDifferences => _headerFieldDifferences ??= CompareHeaderFields();

    private List<string> CompareHeaderFields()
    {
        var delivered = Delivered;
        var first = Unit.First.Packet;
        var differ = new List<string>();
        if (!Guest.Frame.Frame.AsSpan(0, 14).SequenceEqual(Unit.First.Frame.AsSpan(0, 14)))
        {
            differ.Add($"Ethernet header {Convert.ToHexString(Unit.First.Frame, 0, 14)}/{Convert.ToHexString(Guest.Frame.Frame, 0, 14)}");
        }
        if (!Unit.FieldsDiffer && delivered.Dscp != first.Dscp) differ.Add($"DSCP {first.Dscp}/{delivered.Dscp}");
        if (!Unit.EcnChanges && delivered.Ecn != first.Ecn) differ.Add($"ECN {first.Ecn}/{delivered.Ecn}");
        if (!Unit.FieldsDiffer && delivered.DontFragment != first.DontFragment) differ.Add($"DF {first.DontFragment}/{delivered.DontFragment}");
        if (!Unit.FieldsDiffer && delivered.FlowLabel != first.FlowLabel) differ.Add($"flow label {first.FlowLabel}/{delivered.FlowLabel}");
        if (delivered.MoreFragments || delivered.FragmentOffset != 0) differ.Add($"MF/offset false,0/{delivered.MoreFragments},{delivered.FragmentOffset}");
        if (delivered.UrgentPointer != 0 && (delivered.Flags & TcpFlags.Urg) == 0 && !Unit.HasExceptionFlags) differ.Add($"urgent pointer 0/{delivered.UrgentPointer}");
        return differ;
    }
}
