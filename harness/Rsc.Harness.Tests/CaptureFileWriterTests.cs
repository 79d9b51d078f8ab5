using Rsc.Harness.Core.Capture;
using Rsc.Harness.Tests.Cli;

namespace Rsc.Harness.Tests;

/// <summary>wire.pcap is written through SharpPcap and read back unchanged: bytes, lengths and every nanosecond.</summary>
public sealed class CaptureFileWriterTests
{
    [Test]
    public void Records_come_back_with_their_bytes_and_nanosecond_timestamps()
    {
        using var work = new TempFolder();
        var path = work["wire.pcap"];
        var records = new List<PcapRecord>
        {
            new(1_765_000_000_123_456_789L, [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07], 7),
            new(1_765_000_000_123_456_790L, [0xAA, 0xBB], 1500), // cut short by the snap length
            new(1_765_000_001_000_000_001L, new byte[1514], 1514),
        };

        CaptureFileWriter.Write(path, records);
        var (link, read) = CaptureFileReader.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(link, Is.EqualTo(PcapFile.LinkTypeEthernet));
            Assert.That(read.Select(r => r.TimestampNs), Is.EqualTo(records.Select(r => r.TimestampNs)));
            Assert.That(read.Select(r => r.OriginalLength), Is.EqualTo(records.Select(r => r.OriginalLength)));
            for (int i = 0; i < records.Count; i++)
            {
                Assert.That(read[i].Data, Is.EqualTo(records[i].Data), $"record {i}");
            }
            Assert.That(Directory.GetFiles(work.Path), Has.Length.EqualTo(1), "no temporary file left beside it");
        });
    }

    [Test]
    public void Writing_over_a_file_replaces_it_whole()
    {
        using var work = new TempFolder();
        var path = work["wire.pcap"];
        CaptureFileWriter.Write(path, [new PcapRecord(1, new byte[60], 60), new PcapRecord(2, new byte[60], 60)]);

        CaptureFileWriter.Write(path, [new PcapRecord(5, [9, 9, 9], 3)]);

        var (_, read) = CaptureFileReader.Read(path);
        Assert.That(read.Select(r => (r.TimestampNs, r.Data.Length)), Is.EqualTo(new[] { (5L, 3) }));
    }
}
