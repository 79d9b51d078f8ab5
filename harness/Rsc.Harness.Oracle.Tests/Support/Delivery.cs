using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Tests.Support;

/// <summary>Writes the guest side of a run by hand: which sent frames arrive, how, and when.</summary>
internal sealed class Delivery(TrafficPlan plan)
{
    /// <summary>Delay after the last frame of a unit is sent before the guest sees it.</summary>
    public const long DefaultDelayNs = 1_000;

    private readonly List<GuestFrame> _guest = [];

    public static VirtioNetHeader Plain { get; } = new(VirtioNetHeaderFlags.None, VirtioGsoType.None, 0, 0, 0, 0, 1);

    public TrafficPlan Plan => plan;

    public int Count => _guest.Count;

    public IReadOnlyList<GuestFrame> Frames => _guest;

    /// <summary>Sent frame <paramref name="index"/> as it went out, with an unmarked virtio header.</summary>
    public Delivery Unchanged(int index, VirtioNetHeader? header = null, long? atNs = null) =>
        Raw(plan.Frames[index].Frame, header ?? Plain, atNs ?? DueAfter(index));

    public Delivery Unchanged(params int[] indices)
    {
        foreach (var i in indices)
        {
            Unchanged(i);
        }
        return this;
    }

    public Delivery AllUnchanged() => Unchanged([.. Enumerable.Range(0, plan.Frames.Count)]);

    /// <summary>A correct coalesced frame for these sent frames, optionally altered to make it wrong.</summary>
    public Delivery Coalesced(
        int[] indices,
        Func<SegmentSpec, SegmentSpec>? segment = null,
        Func<VirtioNetHeader, VirtioNetHeader>? header = null,
        Func<byte[], byte[]>? bytes = null,
        int? dupAcks = null,
        long? atNs = null)
    {
        var run = indices.Select(i => plan.Frames[i].Segment ?? throw new InvalidOperationException($"frame {i} has no segment model")).ToList();
        var merged = TestCoalescer.Merge(run);
        if (segment is not null)
        {
            merged = segment(merged);
        }
        var frame = FrameBuilder.Build(merged);
        if (bytes is not null)
        {
            frame = bytes(frame);
        }
        var h = TestCoalescer.Header(run, dupAcks);
        if (header is not null)
        {
            h = header(h);
        }
        return Raw(frame, h, atNs ?? DueAfter(indices.Max()));
    }

    public Delivery Raw(byte[] frame, VirtioNetHeader header, long atNs)
    {
        _guest.Add(new GuestFrame(_guest.Count, atNs, header, frame));
        return this;
    }

    /// <summary>Removes the guest frame at <paramref name="position"/> and renumbers the rest.</summary>
    public Delivery RemoveAt(int position)
    {
        _guest.RemoveAt(position);
        Renumber();
        return this;
    }

    public Delivery Swap(int a, int b)
    {
        (_guest[a], _guest[b]) = (_guest[b], _guest[a]);
        Renumber();
        return this;
    }

    public Delivery Duplicate(int position)
    {
        _guest.Insert(position + 1, _guest[position]);
        Renumber();
        return this;
    }

    public DeviceCapture Capture(DeviceStatistics? statistics = null, long? observationEndNs = null, int[]? notSent = null)
    {
        var sent = plan.Frames
            .Where(f => notSent is null || !notSent.Contains(f.Index))
            .Select(f => new SentFrame(f.Index, f.OffsetNs, f.OffsetNs, f.Frame))
            .ToList();
        long end = observationEndNs ?? Math.Max(plan.DurationNs, _guest.Count == 0 ? 0 : _guest.Max(g => g.TimeNs)) + 10_000_000;
        return new DeviceCapture(sent, [.. _guest], TimingMode.Virtual, statistics, PacingReport.From(sent), end, []);
    }

    private long DueAfter(int index) => plan.Frames[index].OffsetNs + DefaultDelayNs;

    private void Renumber()
    {
        for (int i = 0; i < _guest.Count; i++)
        {
            var g = _guest[i];
            _guest[i] = g with { Index = i, TimeNs = Math.Max(g.TimeNs, i == 0 ? 0 : _guest[i - 1].TimeNs) };
        }
    }
}
