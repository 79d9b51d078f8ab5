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

    [Test]
    public void The_timeline_picture_is_svg_titled_with_the_case_and_its_counts()
    {
        var chart = TimelineChart.Render(Timeline(Coalesced(300_000)));
        Assert.That(chart, Is.Not.Null);
        Assert.That(chart!.Svg, Does.Contain("<svg"));
        Assert.That(chart.Svg, Does.Contain("RSC-T-001: 3 sent, 1 delivered, 1 coalesced"));
        Assert.That(chart.Svg, Does.Contain("sent, never delivered"), "frame 2 was not delivered");
        Assert.That(chart.DataUrl, Does.StartWith("data:image/svg+xml;base64,"));
    }

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
        Assert.That(chart!.Svg, Does.Contain("drain interval 300 us"));
    }

    [Test]
    public void Send_gaps_come_from_actual_send_times_and_skip_unsent_frames()
    {
        var t = Timeline() with { Sent = [.. Timeline().Sent, new(3, "data", 300_000, null, "v4-0", 4345, 1, "ACK", 1448, 1514, null)] };
        Assert.That(GapHistogram.GapsOf(t), Is.EqualTo(new long[] { 100_000, 150_000 }));
        var chart = GapHistogram.Render("run", [.. GapHistogram.GapsOf(t)], 100_000);
        Assert.That(chart!.Svg, Does.Contain("2 gaps"));
    }
}
