using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Reports.Tests;

/// <summary>guest.jsonl read back gives every virtio header exactly as written.</summary>
public sealed class GuestJsonlReadTests
{
    [Test]
    public void Every_header_field_survives_writing_and_reading()
    {
        var frames = new[]
        {
            new GuestFrame(0, 1_000, new VirtioNetHeader(VirtioNetHeaderFlags.None, VirtioGsoType.None, 0, 0, 0, 0, 1), new byte[60]),
            new GuestFrame(1, 2_500, new VirtioNetHeader(VirtioNetHeaderFlags.NeedsCsum | VirtioNetHeaderFlags.RscInfo, VirtioGsoType.TcpV4 | VirtioGsoType.Ecn, 54, 1448, 3, 2, 1), new byte[4398]),
            new GuestFrame(2, 9_999, new VirtioNetHeader(VirtioNetHeaderFlags.DataValid | (VirtioNetHeaderFlags)0x40, (VirtioGsoType)0x05, 74, 1, 65535, 7, 2), new byte[100]),
            new GuestFrame(3, 10_000, new VirtioNetHeader(VirtioNetHeaderFlags.RscInfo, VirtioGsoType.TcpV6, 74, 1440, 0, 12, 1), new byte[74]),
        };
        var path = Path.Combine(Path.GetTempPath(), $"guest-{Guid.NewGuid():N}.jsonl");
        try
        {
            GuestJsonl.Write(path, frames);

            var lines = GuestJsonl.Read(path);

            Assert.That(lines.Select(l => (l.Index, l.TimeNs, l.Header, l.Length)),
                Is.EqualTo(frames.Select(f => (f.Index, f.TimeNs, f.Header, f.Frame.Length))));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_line_it_did_not_write_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"guest-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"index\":0,\"timeNs\":1,\"flags\":\"\",\"gsoType\":\"NONE\",\"gsoSize\":0,\"rscSegments\":null,\"rscDupAcks\":null,\"hdrLen\":0,\"csumStart\":0,\"csumOffset\":0,\"numBuffers\":1,\"length\":60}\n{\"index\":1,\"flags\":\"BOGUS\"}\n");

            var error = Assert.Throws<FormatException>(() => GuestJsonl.Read(path));

            Assert.That(error!.Message, Does.StartWith($"'{path}' line 2: not a guest.jsonl line"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
