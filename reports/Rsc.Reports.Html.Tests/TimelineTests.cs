using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Tests;

/// <summary>timeline.json as a run writes it next to the pcaps, checked against results.json of the same run.</summary>
public sealed class TimelineTests
{
    [Test]
    public void Every_case_has_a_timeline_that_agrees_with_its_results_entry()
    {
        var doc = ReportFixture.Results(ReportFixture.FaultedRun);
        foreach (var entry in doc.Cases)
        {
            Assert.That(entry.Artifacts!.Timeline, Is.EqualTo($"cases/{entry.Id}/{CaseTimeline.FileName}"));
            var t = TimelineJson.ReadFile(Path.Combine(ReportFixture.FaultedRun, entry.Artifacts.Timeline!));
            Assert.That(t.CaseId, Is.EqualTo(entry.Id));
            Assert.That(t.Guest, Has.Count.EqualTo(entry.GuestFrames), entry.Id);
            Assert.That(t.Sent.Count(s => s.SentNs is not null), Is.EqualTo(entry.SentFrames), entry.Id);
            Assert.That(t.DrainIntervalNs / 1000.0, Is.EqualTo(entry.IntervalUs));
            Assert.That(t.Sent.Select(s => s.Index), Is.EqualTo(Enumerable.Range(0, t.Sent.Count)));
            Assert.That(t.Sent.Select(s => s.DeadlineNs), Is.Ordered);
            if (entry.Error is not null)
            {
                continue;
            }
            Assert.That(t.Aligned, Is.True, entry.Id);
            Assert.That(t.Guest.Count(g => g.IsCoalesced), Is.EqualTo(entry.CoalescedFrames), entry.Id);
            foreach (var g in t.Guest)
            {
                foreach (var s in g.SentFrames!)
                {
                    Assert.That(t.Sent[s].GuestFrame, Is.EqualTo(g.Index), $"{entry.Id}: sent {s} points back at guest {g.Index}");
                }
            }
        }
    }

    [Test]
    public void A_guest_frame_keeps_its_virtio_header()
    {
        var t = TimelineJson.ReadFile(Path.Combine(ReportFixture.ReferenceRun, "cases", "RSC-BASIC-001", CaseTimeline.FileName));
        var coalesced = t.Guest.Single(g => g.IsCoalesced);
        Assert.That(coalesced.VirtioFlags, Does.Contain("RSC_INFO"));
        Assert.That(coalesced.RscSegments, Is.EqualTo(coalesced.SentFrames!.Count));
        Assert.That(coalesced.ExpectedSegments, Is.EqualTo(coalesced.RscSegments));
        Assert.That(coalesced.GsoType, Is.EqualTo("TCPV4"));
        Assert.That(coalesced.PayloadLength, Is.EqualTo(coalesced.SentFrames.Sum(i => t.Sent[i].Length)));
    }

    [Test]
    public void The_json_round_trips_and_rejects_another_schema()
    {
        var t = TimelineJson.ReadFile(Path.Combine(ReportFixture.ReferenceRun, "cases", "RSC-FLAG-001", CaseTimeline.FileName));
        var again = TimelineJson.Deserialize(TimelineJson.Serialize(t));
        Assert.That(again.Sent, Is.EqualTo(t.Sent));
        Assert.That(again.Guest.Select(g => g.SentFrames), Is.EqualTo(t.Guest.Select(g => g.SentFrames)));
        Assert.That(() => TimelineJson.Deserialize(TimelineJson.Serialize(t with { Schema = "rsc-timeline/0" })), Throws.InstanceOf<System.Text.Json.JsonException>());
    }
}
