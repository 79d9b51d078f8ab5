using System.Text.Json;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Reports.Tests;

public sealed class GuestJsonlTests
{
    [Test]
    public void Coalesced_frame_line_carries_every_header_field()
    {
        using var json = JsonDocument.Parse(GuestJsonl.Line(Samples.CoalescedFrame()));
        var o = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(o.GetProperty("index").GetInt32(), Is.Zero);
            Assert.That(o.GetProperty("timeNs").GetInt64(), Is.EqualTo(300_000));
            Assert.That(o.GetProperty("flags").GetString(), Is.EqualTo("NEEDS_CSUM|RSC_INFO"));
            Assert.That(o.GetProperty("gsoType").GetString(), Is.EqualTo("TCPV4"));
            Assert.That(o.GetProperty("gsoSize").GetInt32(), Is.EqualTo(1448));
            Assert.That(o.GetProperty("rscSegments").GetInt32(), Is.EqualTo(3));
            Assert.That(o.GetProperty("rscDupAcks").GetInt32(), Is.EqualTo(1));
            Assert.That(o.GetProperty("hdrLen").GetInt32(), Is.EqualTo(54));
            Assert.That(o.GetProperty("csumStart").GetInt32(), Is.EqualTo(3));
            Assert.That(o.GetProperty("csumOffset").GetInt32(), Is.EqualTo(1));
            Assert.That(o.GetProperty("numBuffers").GetInt32(), Is.EqualTo(1));
            Assert.That(o.GetProperty("length").GetInt32(), Is.EqualTo(4398));
        });
    }

    [Test]
    public void Rsc_counts_are_null_without_rsc_info()
    {
        using var json = JsonDocument.Parse(GuestJsonl.Line(Samples.PlainFrame()));
        var o = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(o.GetProperty("flags").GetString(), Is.EqualTo(""));
            Assert.That(o.GetProperty("gsoType").GetString(), Is.EqualTo("NONE"));
            Assert.That(o.GetProperty("rscSegments").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(o.GetProperty("rscDupAcks").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void File_has_one_object_per_line()
    {
        var folder = Samples.TempFolder();
        try
        {
            var path = Path.Combine(folder, "guest.jsonl");
            GuestJsonl.Write(path, [Samples.CoalescedFrame(0), Samples.PlainFrame(1)]);

            var lines = File.ReadAllLines(path);
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("index").GetInt32()), Is.EqualTo(new[] { 0, 1 }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase(VirtioGsoType.TcpV6, "TCPV6")]
    [TestCase(VirtioGsoType.TcpV4 | VirtioGsoType.Ecn, "TCPV4|ECN")]
    [TestCase(VirtioGsoType.Udp, "UDP")]
    public void Gso_type_uses_the_virtio_names(VirtioGsoType type, string expected) =>
        Assert.That(GuestJsonl.GsoTypeText(type), Is.EqualTo(expected));
}
