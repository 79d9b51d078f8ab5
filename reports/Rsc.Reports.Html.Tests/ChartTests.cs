using Rsc.Reports.Html.Charts;
using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Tests;

public sealed class ChartTests
{
    private static CaseTimeline Timeline(params TimelineGuestFrame[] guest) => new()
    {
        CaseId = "RSC-T-001",
        DrainIntervalNs = 300_000,
        SpacingNs = 100_000,
        Aligned = true,
        Sent =
        [
            new(0, "data", 0, 0, "v4-0", 1, 1, "ACK", 1448, 1514, guest.Length > 0 ? 0 : null),
            new(1, "data", 100_000, 100_000, "v4-0", 1449, 1, "ACK", 1448, 1514, guest.Length > 0 ? 0 : null),
            new(2, "data", 200_000, 250_000, "v4-0", 2897, 1, "ACK", 1448, 1514, null),
        ],
        Guest = guest,
    };

    private static TimelineGuestFrame Coalesced(long timeNs) =>
        new(0, timeNs, 2962, "NEEDS_CSUM|RSC_INFO", "TCPV4", 1448, 2, 0, 54, 2, 0, 1, "v4-0", 1, 1, "ACK", 2896, [0, 1], 2, 0);

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Test]
    public void The_timeline_picture_is_a_png_of_the_stated_size()
    {
        var chart = TimelineChart.Render(Timeline(Coalesced(300_000)));
        Assert.That(chart, Is.Not.Null);
        Assert.That(chart!.Bytes.Take(8), Is.EqualTo(PngSignature));
        Assert.That(PngSize(chart.Bytes), Is.EqualTo((TimelineChart.Width, TimelineChart.Height)));
        Assert.That(chart.Title, Is.EqualTo("Timeline of RSC-T-001"));
        Assert.That(chart.DataUrl, Does.StartWith("data:image/png;base64,"));
        Assert.That(chart.ImgTag(), Does.Contain("alt=\"Timeline of RSC-T-001\""));
    }

    [Test]
    public void Pictures_drawn_from_many_threads_all_come_out()
    {
        var timeline = Timeline(Coalesced(300_000));
        var charts = new Chart?[64];
        Parallel.For(0, charts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => charts[i] = TimelineChart.Render(timeline));
        Assert.That(charts.Select(c => c!.Bytes.Length), Is.All.EqualTo(charts[0]!.Bytes.Length), "the same picture each time");
    }

    /// <summary>Width and height from the PNG's IHDR chunk.</summary>
    private static (int, int) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

    [Test]
    public void Nothing_to_draw_gives_no_picture()
    {
        Assert.That(TimelineChart.Render(Timeline() with { Sent = [] }), Is.Null);
        Assert.That(TimerChart.Render(Timeline()), Is.Null, "no guest frame");
        Assert.That(GapHistogram.Render("x", [], 100_000), Is.Null);
    }

    [Test]
    public void The_timer_picture_places_a_frame_by_how_long_it_was_held()
    {
        var chart = TimerChart.Render(Timeline(Coalesced(300_000)));
        Assert.That(chart!.Title, Does.Contain("RSC-T-001"));
        Assert.That(PngSize(chart.Bytes), Is.EqualTo((TimerChart.Width, TimerChart.Height)));
    }

    [Test]
    public void Send_gaps_come_from_actual_send_times_and_skip_unsent_frames()
    {
        var t = Timeline() with { Sent = [.. Timeline().Sent, new(3, "data", 300_000, null, "v4-0", 4345, 1, "ACK", 1448, 1514, null)] };
        Assert.That(GapHistogram.GapsOf(t), Is.EqualTo(new long[] { 100_000, 150_000 }));
        var chart = GapHistogram.Render("run", [.. GapHistogram.GapsOf(t)], 100_000);
        Assert.That(chart!.Bytes.Take(8), Is.EqualTo(PngSignature));
    }
}
