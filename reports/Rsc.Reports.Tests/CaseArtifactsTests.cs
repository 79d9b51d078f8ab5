using Rsc.Harness.Core.Capture;

namespace Rsc.Reports.Tests;

public sealed class CaseArtifactsTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Samples.TempFolder();

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Writes_four_files_and_names_them_relative_to_the_run()
    {
        var sent = new List<SentFrame> { new(0, 0, 0, new byte[60]), new(1, 100_000, 100_123, new byte[70]) };
        var capture = new DeviceCapture(sent, [Samples.CoalescedFrame(0)], TimingMode.Virtual, null, PacingReport.From(sent), 2_400_000, []);

        var artifacts = CaseArtifacts.Write(_folder, "RSC-A-001", capture, "the log\n");

        Assert.Multiple(() =>
        {
            Assert.That(artifacts.SentPcap, Is.EqualTo("cases/RSC-A-001/sent.pcap"));
            Assert.That(artifacts.WireLog, Is.EqualTo("cases/RSC-A-001/wire.log"));
            var (link, records) = PcapFile.Read(Path.Combine(_folder, artifacts.SentPcap!));
            Assert.That(link, Is.EqualTo(PcapFile.LinkTypeEthernet));
            Assert.That(records.Select(r => r.TimestampNs), Is.EqualTo(new[] { 0L, 100_123L }));
            Assert.That(PcapFile.Read(Path.Combine(_folder, artifacts.GuestPcap!)).Records.Single().Data, Has.Length.EqualTo(4398));
            Assert.That(File.ReadAllLines(Path.Combine(_folder, artifacts.GuestJsonl!)), Has.Length.EqualTo(1));
            Assert.That(File.ReadAllText(Path.Combine(_folder, artifacts.WireLog!)), Is.EqualTo("the log\n"));
        });
    }

    [Test]
    public void Without_a_capture_only_the_wire_log_is_written()
    {
        var artifacts = CaseArtifacts.Write(_folder, "RSC-A-002", null, "error\n");

        Assert.Multiple(() =>
        {
            Assert.That(artifacts.SentPcap, Is.Null);
            Assert.That(artifacts.GuestPcap, Is.Null);
            Assert.That(artifacts.GuestJsonl, Is.Null);
            Assert.That(File.Exists(Path.Combine(_folder, "cases", "RSC-A-002", "wire.log")), Is.True);
        });
    }

    [TestCase("../evil", ".._evil")]
    [TestCase("..", "_..")]
    [TestCase("RSC-FLAG-003", "RSC-FLAG-003")]
    public void Case_folders_never_escape_the_run_folder(string id, string expected) =>
        Assert.That(CaseArtifacts.SafeName(id), Is.EqualTo(expected));
}
