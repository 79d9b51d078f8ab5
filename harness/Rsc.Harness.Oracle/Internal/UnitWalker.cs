using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>
/// Judges one guest frame as the delivery of a run of consecutive sent frames of its flow. Frames are
/// added one at a time (merge legality, interpretation.md 3, is judged as they come); <see cref="Finish"/>
/// judges the delivered header and virtio header against the run so far (sections 4 and 5) without
/// changing the walker, so the aligner can weigh every possible end of the run in one pass.
/// </summary>
internal sealed class UnitWalker
{
    private const TcpFlags ExceptionFlags = TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Urg;

    private readonly GuestInfo _g;
    private readonly IReadOnlyList<SentInfo> _flow;
    private readonly OracleSettings _settings;
    private readonly List<int> _dataPositions = [];
    private readonly int _start;
    private int _end;

    // The unit's state as the rules describe it (H.NXT, H.ACK, H.WND, dup-ACK count).
    private uint _nxt;
    private uint _ack;
    private ushort _wnd;
    private bool _hasData;
    private int _dupAcks;
    private byte _minTtl;
    private bool _psh;
    private int _latestTs = -1;
    private long _payloadSum;
    private int _maxPayload;
    private bool _exceptionFlags;
    private bool _ecnMixed;
    private bool _fieldsMixed;
    private bool _tsMixed;
    private bool _anyBadChecksum;
    private bool? _payloadMatches;

    public UnitWalker(GuestInfo guest, IReadOnlyList<SentInfo> flow, int start, OracleSettings settings)
    {
        _g = guest;
        _flow = flow;
        _start = start;
        _end = start;
        _settings = settings;
    }

    public int Start => _start;
    public int End => _end;
    public int Count => _end - _start;
    public int DataSegments => _dataPositions.Count;
    public int DupAcks => _dupAcks;
    public long PayloadSum => _payloadSum;
    public bool CanAdd => _end < _flow.Count;
    public SentInfo Next => _flow[_end];

    private SentInfo First => _flow[_start];
    private SentInfo Last => _flow[_end - 1];
    private bool IsV4 => First.Packet.IpVersion == 4;

    /// <summary>Sent indices of the run so far.</summary>
    public int[] SentIndices()
    {
        var r = new int[Count];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = _flow[_start + i].Index;
        }
        return r;
    }

    /// <summary>Adds the next frame of the flow to the run, reporting what makes the merge illegal.</summary>
    public void Add(IFindingSink sink)
    {
        var s = _flow[_end];
        var p = s.Packet;
        if (Count == 0)
        {
            _nxt = unchecked(p.Seq + (uint)p.PayloadLength);
            _ack = p.Ack;
            _wnd = p.Window;
            _hasData = s.HasData;
            _minTtl = p.TtlOrHopLimit;
            _psh = (p.Flags & TcpFlags.Psh) != 0;
        }
        else
        {
            if (Count == 1)
            {
                CheckPlain(First, sink);
            }
            CheckPlain(s, sink);
            CheckIdentical(s, Last, sink);
            if (s.HasData)
            {
                uint expectedSeq = _nxt;
                if (p.Seq != expectedSeq)
                {
                    sink.Add(OracleRules.MergeContiguous, Severity.Fail,
                        () => $"guest frame {_g.Index} merges {s.Describe()} whose seq {p.Seq} is not where the unit's data ends (H.NXT {expectedSeq})",
                        [Last.Index, s.Index]);
                }
                if (_dupAcks > 0)
                {
                    int dups = _dupAcks;
                    sink.Add(OracleRules.DataAfterDupAck, Severity.Fail,
                        () => $"guest frame {_g.Index} merges data {s.Describe()} into a unit that already absorbed {dups} duplicate ACK(s)",
                        [s.Index]);
                }
                _nxt = unchecked(p.Seq + (uint)p.PayloadLength);
                _hasData = true;
            }
            else if (s.IsPureAck)
            {
                uint unitAck = _ack;
                if (p.Ack != unitAck)
                {
                    sink.Add(OracleRules.PureAckAdvancing, Severity.Fail,
                        () => $"guest frame {_g.Index} absorbs pure ACK {s.Describe()} whose ACK {p.Ack} differs from the unit's {unitAck}; only window updates and duplicate ACKs may be absorbed",
                        [s.Index]);
                }
                else if (p.Window == _wnd)
                {
                    _dupAcks++;
                    if (_hasData)
                    {
                        sink.Add(OracleRules.DupAckInDataUnit, Severity.NonStrict,
                            () => $"guest frame {_g.Index} absorbs duplicate ACK {s.Describe()} into a unit holding data; it should start a new unit",
                            [s.Index]);
                    }
                }
            }
            CheckTimestampOrder(s, sink);
            _ack = p.Ack;
            _wnd = p.Window;
            _minTtl = Math.Min(_minTtl, p.TtlOrHopLimit);
            _psh |= (p.Flags & TcpFlags.Psh) != 0;
        }
        if (s.Timestamp is { } ts && (_latestTs < 0 || !Serial.Before(ts.TsVal, _flow[_latestTs].Timestamp!.Value.TsVal)))
        {
            _latestTs = _end;
        }
        if (s.HasData)
        {
            _dataPositions.Add(_end);
            _payloadSum += p.PayloadLength;
            _maxPayload = Math.Max(_maxPayload, p.PayloadLength);
        }
        _end++;
    }

    private void CheckPlain(SentInfo s, IFindingSink sink)
    {
        var p = s.Packet;
        var exceptional = p.Flags & ExceptionFlags;
        bool badChecksum = !p.IpChecksumValid || !p.TcpChecksumValid;
        if (exceptional == 0 && s.OnlyTimestampOptions && !p.HasIpv4Options && !p.HasIpv6ExtensionHeaders &&
            !p.MoreFragments && p.FragmentOffset == 0 && !badChecksum)
        {
            return; // a plain segment: the common case, judged without building a message
        }
        _anyBadChecksum |= badChecksum;
        var reasons = new List<string>();
        // One finding per segment (it weighs once when explanations are compared); a FIN alone or
        // non-timestamp options alone get a rule of their own, so a device that does either by
        // design can be excused for that and nothing else.
        string rule = OracleRules.ExceptionMerged;
        if (exceptional == TcpFlags.Fin && !badChecksum && s.OnlyTimestampOptions && !p.HasIpv4Options && !p.HasIpv6ExtensionHeaders &&
            !p.MoreFragments && p.FragmentOffset == 0)
        {
            rule = OracleRules.FinMerged;
        }
        else if (exceptional == 0 && !badChecksum && !s.OnlyTimestampOptions && !p.HasIpv4Options && !p.HasIpv6ExtensionHeaders &&
            !p.MoreFragments && p.FragmentOffset == 0)
        {
            rule = OracleRules.OptionsMerged;
        }
        if (exceptional != 0)
        {
            reasons.Add($"flag {exceptional}");
            _exceptionFlags = true;
        }
        if (!s.OnlyTimestampOptions)
        {
            reasons.Add($"TCP options {FrameDiff.OptionsText(p)}");
        }
        if (p.HasIpv4Options)
        {
            reasons.Add("IPv4 options");
        }
        if (p.HasIpv6ExtensionHeaders)
        {
            reasons.Add("IPv6 extension headers");
        }
        if (p.MoreFragments || p.FragmentOffset != 0)
        {
            reasons.Add("a fragment");
        }
        if (!p.IpChecksumValid)
        {
            reasons.Add("bad IPv4 header checksum");
        }
        if (!p.TcpChecksumValid)
        {
            reasons.Add("bad TCP checksum");
        }
        if (reasons.Count > 0)
        {
            sink.Add(rule, Severity.Fail,
                () => $"guest frame {_g.Index} coalesces {s.Describe()}, which may never be coalesced ({string.Join(", ", reasons)})",
                [s.Index]);
        }
    }

    private void CheckIdentical(SentInfo s, SentInfo previous, IFindingSink sink)
    {
        var p = s.Packet;
        var f = First.Packet;
        var prev = previous.Packet;
        const TcpFlags ecnFlags = TcpFlags.Ece | TcpFlags.Cwr;
        if (p.Ecn != prev.Ecn || (p.Flags & ecnFlags) != (prev.Flags & ecnFlags))
        {
            _ecnMixed = true;
            sink.Add(OracleRules.EcnChange, Severity.Fail,
                () => $"guest frame {_g.Index} coalesces {s.Describe()} with ECN {p.Ecn}, ECE/CWR [{p.Flags & ecnFlags}] after {previous.Describe()} with ECN {prev.Ecn}, ECE/CWR [{prev.Flags & ecnFlags}]",
                [previous.Index, s.Index]);
        }
        if (p.IpVersion == f.IpVersion && p.Dscp == f.Dscp && p.DontFragment == f.DontFragment && p.FlowLabel == f.FlowLabel &&
            p.SourceAddress.AsSpan().SequenceEqual(f.SourceAddress) && p.DestinationAddress.AsSpan().SequenceEqual(f.DestinationAddress))
        {
            CheckTimestampPresence(s, sink);
            return;
        }
        var differ = new List<string>();
        if (p.IpVersion != f.IpVersion) differ.Add($"IP version {f.IpVersion}/{p.IpVersion}");
        if (!p.SourceAddress.AsSpan().SequenceEqual(f.SourceAddress) || !p.DestinationAddress.AsSpan().SequenceEqual(f.DestinationAddress)) differ.Add("addresses");
        if (p.Dscp != f.Dscp) differ.Add($"DSCP {f.Dscp}/{p.Dscp}");
        if (p.DontFragment != f.DontFragment) differ.Add($"DF {f.DontFragment}/{p.DontFragment}");
        if (p.FlowLabel != f.FlowLabel) differ.Add($"flow label {f.FlowLabel}/{p.FlowLabel}");
        if (differ.Count > 0)
        {
            _fieldsMixed = true;
            sink.Add(OracleRules.IdenticalFields, Severity.Fail,
                () => $"guest frame {_g.Index} coalesces {s.Describe()} whose header differs from the first segment's (first/this: {string.Join(", ", differ)})",
                [First.Index, s.Index]);
        }
        CheckTimestampPresence(s, sink);
    }

    private void CheckTimestampPresence(SentInfo s, IFindingSink sink)
    {
        bool has = s.Timestamp is not null;
        bool firstHas = First.Timestamp is not null;
        if (has != firstHas)
        {
            _tsMixed = true;
            sink.Add(OracleRules.TimestampPresence, Severity.Fail,
                () => $"guest frame {_g.Index} coalesces {s.Describe()} {(has ? "with" : "without")} a timestamp option into a unit whose first segment has {(firstHas ? "one" : "none")}",
                [First.Index, s.Index]);
        }
    }

    private void CheckTimestampOrder(SentInfo s, IFindingSink sink)
    {
        if (_latestTs < 0 || s.Timestamp is null)
        {
            return;
        }
        uint ts = s.Timestamp.Value.TsVal;
        var latest = _flow[_latestTs];
        uint max = latest.Timestamp!.Value.TsVal;
        if (Serial.Before(ts, max))
        {
            sink.Add(OracleRules.TimestampOrder, Severity.Fail,
                () => $"guest frame {_g.Index} coalesces {s.Describe()} with TSval {ts}, earlier than TSval {max} of sent {latest.Index} already in the unit",
                [latest.Index, s.Index]);
        }
    }

    /// <summary>Judges the delivered frame as the delivery of the run so far.</summary>
    public void Finish(IFindingSink sink)
    {
        if (Count == 1)
        {
            FinishSingle(sink);
        }
        else
        {
            FinishCoalesced(sink);
        }
    }

    private void FinishSingle(IFindingSink sink)
    {
        var s = First;
        if (!s.Frame.AsSpan().SequenceEqual(_g.Frame.Frame))
        {
            sink.Add(OracleRules.Modified, Severity.Fail,
                () => $"guest frame {_g.Index} delivers {s.Describe()} alone but not unchanged: {FrameDiff.Describe(s.Packet, _g.Frame.Frame)}");
        }
        SingleFrameVirtio.Check(_g, sink);
    }

    private void FinishCoalesced(IFindingSink sink)
    {
        var h = _g.Packet;
        var f = First.Packet;
        var last = Last.Packet;
        bool oversized = CheckSize(sink);

        if (h.Seq != f.Seq)
        {
            sink.Add(OracleRules.SeqFirst, Severity.Fail,
                () => $"guest frame {_g.Index}: seq expected {f.Seq} (first segment, sent {First.Index}), observed {h.Seq}");
        }
        if (IsV4 && h.IpId != f.IpId)
        {
            sink.Add(OracleRules.IpIdFirst, Severity.Fail,
                () => $"guest frame {_g.Index}: IP ID expected {f.IpId} (first segment, sent {First.Index}), observed {h.IpId}");
        }
        if (h.Ack != last.Ack || h.Window != last.Window)
        {
            sink.Add(OracleRules.AckWindowLast, Severity.Fail,
                () => $"guest frame {_g.Index}: ACK/window expected {last.Ack}/{last.Window} (last segment, sent {Last.Index}), observed {h.Ack}/{h.Window}");
        }
        byte minTtl = _minTtl;
        if (h.TtlOrHopLimit != minTtl)
        {
            sink.Add(OracleRules.TtlMinimum, Severity.Fail,
                () => $"guest frame {_g.Index}: {(IsV4 ? "TTL" : "hop limit")} expected {minTtl} (minimum of the merged segments), observed {h.TtlOrHopLimit}");
        }
        bool psh = _psh;
        if (((h.Flags & TcpFlags.Psh) != 0) != psh)
        {
            sink.Add(OracleRules.PshOr, Severity.Fail,
                () => $"guest frame {_g.Index}: PSH expected {(psh ? "set (a merged segment had it)" : "clear (no merged segment had it)")}, observed {((h.Flags & TcpFlags.Psh) != 0 ? "set" : "clear")}");
        }
        CheckFlags(sink);
        CheckOptions(sink);
        if (h.HasIpv4Options || h.HasIpv6ExtensionHeaders)
        {
            sink.Add(OracleRules.NoIpOptions, Severity.Fail,
                () => $"guest frame {_g.Index}: expected no IPv4 options or IPv6 extension headers (next header 6), observed {(h.HasIpv4Options ? $"IPv4 header of {h.IpHeaderLength} bytes" : $"next header {h.Ipv6FirstNextHeader}")}");
        }
        if (!oversized)
        {
            CheckLengthsAndChecksums(sink);
        }
        CheckPayload(sink);
        CheckHeaderFields(sink);
        CheckVirtio(sink, oversized);
    }

    private bool CheckSize(IFindingSink sink)
    {
        int ipHeader = IsV4 ? 20 : 40;
        long built = ipHeader + First.Packet.TcpHeaderLength + _payloadSum;
        // IPv4 limits the total length; IPv6 the payload length (both 16-bit fields).
        long counted = IsV4 ? built : built - 40;
        long observed = IsV4 ? _g.DatagramBytes : _g.DatagramBytes - 40;
        int max = _settings.MaxIpDatagram;
        if (counted <= max && observed <= max && !_g.Oversized)
        {
            return false;
        }
        sink.Add(OracleRules.MaxDatagram, Severity.Fail,
            () => $"guest frame {_g.Index} merges {Count} segments into an IP {(IsV4 ? "datagram" : "payload")} of {Math.Max(counted, observed)} bytes; at most {max} allowed");
        return true;
    }

    private void CheckFlags(IFindingSink sink)
    {
        if (_exceptionFlags)
        {
            return; // the merged exception segment is the finding
        }
        const TcpFlags ecnFlags = TcpFlags.Ece | TcpFlags.Cwr;
        var mask = ~TcpFlags.Psh & (_ecnMixed ? ~ecnFlags : ~TcpFlags.None);
        var expected = (First.Packet.Flags & (TcpFlags.Ack | ecnFlags)) & mask;
        var observed = _g.Packet.Flags & mask;
        if (expected != observed)
        {
            sink.Add(OracleRules.Flags, Severity.Fail,
                () => $"guest frame {_g.Index}: TCP flags besides PSH expected [{expected}], observed [{observed}]");
        }
    }

    private void CheckOptions(IFindingSink sink)
    {
        var h = _g.Packet;
        if (!_g.OnlyTimestampOptions)
        {
            sink.Add(OracleRules.TcpOptions, Severity.Fail,
                () => $"guest frame {_g.Index}: expected only the timestamp option (or none), observed {FrameDiff.OptionsText(h)}");
        }
        if (_tsMixed)
        {
            return;
        }
        var observed = _g.Timestamp;
        if (_latestTs < 0)
        {
            if (observed is not null)
            {
                sink.Add(OracleRules.TimestampLatest, Severity.Fail,
                    () => $"guest frame {_g.Index}: no merged segment carried timestamps, observed TS({observed.Value.TsVal},{observed.Value.TsEcr})");
            }
            return;
        }
        var latest = _flow[_latestTs];
        var want = latest.Timestamp!.Value;
        if (observed is null || observed.Value.TsVal != want.TsVal || observed.Value.TsEcr != want.TsEcr)
        {
            sink.Add(OracleRules.TimestampLatest, Severity.Fail,
                () => $"guest frame {_g.Index}: timestamp expected TS({want.TsVal},{want.TsEcr}) of the latest segment (sent {latest.Index}), observed {(observed is null ? "none" : $"TS({observed.Value.TsVal},{observed.Value.TsEcr})")}",
                [latest.Index]);
        }
    }

    private void CheckLengthsAndChecksums(IFindingSink sink)
    {
        var h = _g.Packet;
        int frameDatagram = _g.DatagramBytes;
        bool padded = h.IpDatagramLength + 14 < 60 && _g.Frame.Frame.Length == 60;
        if (h.IpDatagramLength != frameDatagram && !padded)
        {
            sink.Add(OracleRules.IpLength, Severity.Fail,
                () => $"guest frame {_g.Index}: IP length field says a {h.IpDatagramLength}-byte datagram, the frame holds {frameDatagram} bytes");
        }
        if (IsV4 && !h.IpChecksumValid)
        {
            sink.Add(OracleRules.IpChecksum, Severity.Fail,
                () => $"guest frame {_g.Index}: IPv4 header checksum is not valid");
        }
        if (!_g.Frame.Header.NeedsChecksum && !h.TcpChecksumValid)
        {
            sink.Add(OracleRules.TcpChecksum, Severity.Fail,
                () => $"guest frame {_g.Index}: TCP checksum is not valid and the virtio header does not say NEEDS_CSUM");
        }
    }

    private void CheckPayload(IFindingSink sink)
    {
        _payloadMatches ??= PayloadMatches();
        if (_payloadMatches == false)
        {
            sink.Add(OracleRules.PayloadConcatenation, Severity.Fail,
                () => $"guest frame {_g.Index}: payload ({_g.PayloadLength} bytes) is not the concatenation of the merged segments' payloads ({_payloadSum} bytes); first difference at byte {FirstPayloadDifference()}");
        }
    }

    private bool PayloadMatches() => FirstPayloadDifference() < 0;

    private long FirstPayloadDifference()
    {
        var got = _g.Payload;
        int offset = 0;
        foreach (var pos in _dataPositions)
        {
            var part = _flow[pos].Packet.Payload;
            int take = Math.Min(part.Length, got.Length - offset);
            var slice = got.Slice(offset, take);
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
        return offset == got.Length ? -1 : offset;
    }

    private void CheckHeaderFields(IFindingSink sink)
    {
        var h = _g.Packet;
        var f = First.Packet;
        var differ = new List<string>();
        if (!_g.Frame.Frame.AsSpan(0, 14).SequenceEqual(First.Frame.AsSpan(0, 14)))
        {
            differ.Add($"Ethernet header {Convert.ToHexString(First.Frame, 0, 14)}/{Convert.ToHexString(_g.Frame.Frame, 0, 14)}");
        }
        if (!_fieldsMixed && h.Dscp != f.Dscp) differ.Add($"DSCP {f.Dscp}/{h.Dscp}");
        if (!_ecnMixed && h.Ecn != f.Ecn) differ.Add($"ECN {f.Ecn}/{h.Ecn}");
        if (!_fieldsMixed && h.DontFragment != f.DontFragment) differ.Add($"DF {f.DontFragment}/{h.DontFragment}");
        if (!_fieldsMixed && h.FlowLabel != f.FlowLabel) differ.Add($"flow label {f.FlowLabel}/{h.FlowLabel}");
        if (h.MoreFragments || h.FragmentOffset != 0) differ.Add($"MF/offset false,0/{h.MoreFragments},{h.FragmentOffset}");
        if (h.UrgentPointer != 0 && (h.Flags & TcpFlags.Urg) == 0 && !_exceptionFlags) differ.Add($"urgent pointer 0/{h.UrgentPointer}");
        if (differ.Count > 0)
        {
            sink.Add(OracleRules.HeaderFields, Severity.Fail,
                () => $"guest frame {_g.Index}: header fields differ from the merged segments' (expected/observed: {string.Join(", ", differ)})");
        }
    }

    private void CheckVirtio(IFindingSink sink, bool oversized)
    {
        var v = _g.Frame.Header;
        int segments = DataSegments;
        int dups = _dupAcks;
        if (!v.HasRscInfo)
        {
            // A device excused from reporting RSC counts is still told it did not: as Info, so the
            // finding never weighs when explanations are compared (as if the rule did not exist).
            var severity = _settings.Capabilities.ExcuseFor(OracleRules.RscInfo) is null ? Severity.Fail : Severity.Info;
            sink.Add(OracleRules.RscInfo, severity,
                () => $"guest frame {_g.Index} coalesces {Count} sent frames, expected RSC_INFO (segments={segments}, dupAcks={dups}); observed flags [{VirtioNetHeader.FlagsText(v.Flags)}]");
        }
        else
        {
            if (v.CsumStart != segments)
            {
                sink.Add(OracleRules.SegmentCount, Severity.Fail,
                    () => $"guest frame {_g.Index}: RSC segment count (csum_start) expected {segments} data segments, observed {v.CsumStart}");
            }
            if (v.CsumOffset != dups)
            {
                sink.Add(OracleRules.DupAckCount, Severity.Fail,
                    () => $"guest frame {_g.Index}: RSC dup-ACK count (csum_offset) expected {dups}, observed {v.CsumOffset}");
            }
        }
        var expectedGso = IsV4 ? VirtioGsoType.TcpV4 : VirtioGsoType.TcpV6;
        var gso = (VirtioGsoType)((byte)v.GsoType & 0x7F);
        if (segments > 0)
        {
            if (gso != expectedGso)
            {
                sink.Add(OracleRules.GsoType, Severity.Fail,
                    () => $"guest frame {_g.Index} coalesces data, expected gso_type {expectedGso}; observed {v.GsoType}");
            }
            if (!v.NeedsChecksum)
            {
                sink.Add(OracleRules.NeedsCsum, Severity.Fail,
                    () => $"guest frame {_g.Index} coalesces data, expected NEEDS_CSUM; observed flags [{VirtioNetHeader.FlagsText(v.Flags)}]");
            }
            int mss = _maxPayload;
            if (v.GsoSize == 0 || v.GsoSize > mss)
            {
                sink.Add(OracleRules.GsoSize, Severity.Fail,
                    () => $"guest frame {_g.Index}: gso_size expected nonzero and at most {mss} (largest merged payload), observed {v.GsoSize}");
            }
            else if (v.GsoSize != mss)
            {
                sink.Add(OracleRules.GsoSizeMss, Severity.NonStrict,
                    () => $"guest frame {_g.Index}: gso_size should be {mss} (largest merged payload), observed {v.GsoSize}");
            }
        }
        else if (gso != VirtioGsoType.None)
        {
            // A unit of pure ACKs has no MSS: gso NONE is fine; a TCP gso_type needs NEEDS_CSUM.
            if (gso != expectedGso)
            {
                sink.Add(OracleRules.GsoType, Severity.Fail,
                    () => $"guest frame {_g.Index} coalesces pure ACKs, expected gso_type NONE or {expectedGso}; observed {v.GsoType}");
            }
            if (!v.NeedsChecksum)
            {
                sink.Add(OracleRules.NeedsCsum, Severity.Fail,
                    () => $"guest frame {_g.Index} has gso_type {v.GsoType}, expected NEEDS_CSUM with it; observed flags [{VirtioNetHeader.FlagsText(v.Flags)}]");
            }
        }
        if (v.DataValid)
        {
            var h = _g.Packet;
            bool guestBad = !oversized && (!h.IpChecksumValid || (!h.TcpChecksumValid && !v.NeedsChecksum));
            if (_anyBadChecksum || guestBad)
            {
                sink.Add(OracleRules.DataValidBadChecksum, Severity.Fail,
                    () => $"guest frame {_g.Index} is marked DATA_VALID but {(_anyBadChecksum ? "a merged segment had a bad checksum" : "its own checksum is wrong")}");
            }
        }
    }
}
