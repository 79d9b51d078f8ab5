using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Oracle;
using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests;

public sealed class WireLogTests
{
    private static async Task<CaseResult> Run(CaseJudge judge, FakeBehaviour behaviour = FakeBehaviour.Echo) =>
        await Judges.Runner(new FakeDeviceFactory(behaviour), judge: judge).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

    [Test]
    public async Task Shows_the_case_the_traffic_the_guest_frames_and_the_outcome()
    {
        var text = WireLog.Render(await Run(Judges.With(Severity.Fail)));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("RSC-MERGE-001  sample RSC-MERGE-001\n"));
            Assert.That(text, Does.Contain("requirement  in-order segments are merged"));
            Assert.That(text, Does.Contain("source       R"));
            Assert.That(text, Does.Contain("level        Must"));
            Assert.That(text, Does.Contain("drain interval 300 us, spacing 100 us"));
            Assert.That(text, Does.Contain("device       fake (fake 1.0, virtual time; interval-us=300)"));
            Assert.That(text, Does.Contain("Traffic: 3 frame(s)"));
            Assert.That(text, Does.Contain("data 1448"));
            Assert.That(text, Does.Contain("1001448"), "the second segment's sequence number");
            Assert.That(text, Does.Contain("Guest: 3 frame(s)"));
            Assert.That(text, Does.Contain("  g0  t=0 us  1502 bytes  <- sent 0 (expected 1 segment(s), 0 dup ACK(s))"));
            Assert.That(text, Does.Contain("      virtio  flags=[] gso=None"));
            Assert.That(text, Does.Contain("      frame   v4-0 seq=1000000 ack=5000000 len=1448 flags=ACK win=65535 ipid=100 ttl=64"));
            Assert.That(text, Does.Contain("FAIL       IPH.psh-or: PSH was not carried over"));
            Assert.That(text, Does.Contain("Findings: 1\n  [Fail] IPH.psh-or"));
            Assert.That(text, Does.EndWith("ms)\n"));
            Assert.That(text, Does.Contain("Outcome: Fail"));
        });
    }

    [Test]
    public async Task The_finding_sits_under_the_guest_frame_it_concerns()
    {
        var lines = WireLog.Render(await Run(Judges.With(Severity.NonStrict))).Split('\n');

        int g0 = Array.FindIndex(lines, l => l.StartsWith("  g0 ", StringComparison.Ordinal));
        int g1 = Array.FindIndex(lines, l => l.StartsWith("  g1 ", StringComparison.Ordinal));
        int finding = Array.FindIndex(lines, l => l.Contains("NONSTRICT", StringComparison.Ordinal));

        Assert.That(finding, Is.GreaterThan(g0).And.LessThan(g1));
    }

    [Test]
    public async Task A_device_error_is_shown_with_the_planned_traffic()
    {
        var text = WireLog.Render(await Run(Judges.Pass, FakeBehaviour.Fail));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Traffic: 3 frame(s)"));
            Assert.That(text, Does.Not.Contain("Guest:"));
            Assert.That(text, Does.Contain("Error: device failed: link down"));
            Assert.That(text, Does.Contain("Outcome: Error"));
        });
    }

    [Test]
    public void Frames_that_are_not_tcp_are_summarised_without_tcp_fields()
    {
        var summary = FrameSummary.Of(new byte[20], new FlowNames(null));

        Assert.Multiple(() =>
        {
            Assert.That(summary.HasTcp, Is.False);
            Assert.That(summary.Seq, Is.EqualTo("-"));
            Assert.That(summary.ToString(), Does.Contain("NotIp"));
        });
    }

    [TestCase(TcpFlags.Ack | TcpFlags.Psh, "PSH|ACK")]
    [TestCase(TcpFlags.Syn | TcpFlags.Ack, "SYN|ACK")]
    [TestCase(TcpFlags.None, "none")]
    public void Tcp_flags_are_named(TcpFlags flags, string expected) =>
        Assert.That(FrameSummary.FlagsText(flags), Is.EqualTo(expected));
}
