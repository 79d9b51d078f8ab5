using System.Text.Json;
using Rsc.Cli;
using Rsc.Cli.Commands;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests.Cli;

public sealed class ReplayCommandTests
{
    private static string WriteCapture(TempFolder dir, long firstNs = 5_000_000_000, long gapNs = 250_000)
    {
        var plan = SampleCases.ThreeSegments(100_000);
        var path = dir["in.pcap"];
        PcapFile.Write(path, plan.Frames.Select((f, i) => new PcapRecord(firstNs + (i * gapNs), f.Frame, f.Frame.Length)));
        return path;
    }

    [Test]
    public void Replays_a_capture_and_writes_the_guest_side()
    {
        using var dir = new TempFolder();
        var input = WriteCapture(dir);
        var cli = new CliFixture();

        int code = cli.Run("replay", "--dut", "reference", "--in", input, "--out-dir", dir["out"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, cli.Error);
            Assert.That(cli.Out, Does.Contain("3 frame(s) in, 3 frame(s) out, 0 coalesced, 0.00 segments per coalesced frame"));
            Assert.That(PcapFile.Read(dir["out/guest.pcap"]).Records, Has.Count.EqualTo(3));
            Assert.That(PcapFile.Read(dir["out/sent.pcap"]).Records.Select(r => r.TimestampNs), Is.EqualTo(new[] { 0L, 100_000L, 200_000L }));
            Assert.That(File.ReadAllLines(dir["out/guest.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("index").GetInt32()),
                Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(cli.Device.Configurations.Single().DrainIntervalNs, Is.EqualTo(300_000));
        });
    }

    [Test]
    public void Keep_timing_uses_the_capture_s_relative_times()
    {
        using var dir = new TempFolder();
        var plan = ReplayCommand.ReadPlan(WriteCapture(dir), 100_000, keepTiming: true, out int truncated);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Frames.Select(f => f.OffsetNs), Is.EqualTo(new[] { 0L, 250_000L, 500_000L }));
            Assert.That(plan.Frames.Select(f => f.Label), Is.EqualTo(new[] { "pcap #1", "pcap #2", "pcap #3" }));
            Assert.That(plan.Frames.All(f => f.Segment is null), Is.True);
            Assert.That(truncated, Is.Zero);
        });
    }

    [Test]
    public void Spacing_applies_when_timing_is_not_kept()
    {
        using var dir = new TempFolder();
        var plan = ReplayCommand.ReadPlan(WriteCapture(dir), 40_000, keepTiming: false, out _);

        Assert.That(plan.Frames.Select(f => f.OffsetNs), Is.EqualTo(new[] { 0L, 40_000L, 80_000L }));
    }

    [Test]
    public void A_capture_that_is_not_ethernet_is_refused()
    {
        using var dir = new TempFolder();
        var path = WriteCapture(dir);
        var bytes = File.ReadAllBytes(path);
        bytes[20] = 101; // LINKTYPE_RAW, which libpcap reports as DLT_RAW (12)
        File.WriteAllBytes(path, bytes);
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("replay", "--in", path, "--out-dir", dir["out"]), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo($"rsc: '{path}' is not an Ethernet capture (link type 12); only Ethernet captures can be replayed\n"));
        });
    }

    [Test]
    public void A_malformed_or_missing_file_is_one_line_and_exit_2()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir["junk.pcap"], "this is not a capture at all");
        var cli = new CliFixture();
        var again = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("replay", "--in", dir["junk.pcap"], "--out-dir", dir["out"]), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo($"rsc: '{dir["junk.pcap"]}' is not a pcap or pcapng file (unknown file format)\n"));
            Assert.That(again.Run("replay", "--in", dir["missing.pcap"], "--out-dir", dir["out"]), Is.EqualTo(2));
            Assert.That(again.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Replays_a_pcapng_capture_with_nanosecond_timestamps()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.Path);
        var plan = SampleCases.ThreeSegments(100_000);
        long[] times = [1_700_000_000_000_000_001, 1_700_000_000_000_250_002, 1_700_000_000_000_500_003];
        File.WriteAllBytes(dir["in.pcapng"], PcapngWriter.Build(plan.Frames.Select((f, i) => (times[i], f.Frame))));
        var cli = new CliFixture();

        int code = cli.Run("replay", "--dut", "reference", "--in", dir["in.pcapng"], "--out-dir", dir["out"], "--keep-timing");
        var read = ReplayCommand.ReadPlan(dir["in.pcapng"], 100_000, keepTiming: true, out _);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, cli.Error);
            Assert.That(cli.Out, Does.Contain("3 frame(s) in, 3 frame(s) out"));
            Assert.That(read.Frames.Select(f => f.OffsetNs), Is.EqualTo(new[] { 0L, 250_001L, 500_002L }));
            Assert.That(read.Frames.Select(f => f.Frame), Is.EqualTo(plan.Frames.Select(f => f.Frame)));
            Assert.That(PcapFile.Read(dir["out/guest.pcap"]).Records, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void A_truncated_pcapng_is_one_line_and_exit_2()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.Path);
        var plan = SampleCases.ThreeSegments(100_000);
        var whole = PcapngWriter.Build(plan.Frames.Select((f, i) => (1_000L * i, f.Frame)));
        File.WriteAllBytes(dir["cut.pcapng"], whole[..^40]);
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("replay", "--in", dir["cut.pcapng"], "--out-dir", dir["out"]), Is.EqualTo(2));
            Assert.That(cli.Error, Does.StartWith($"rsc: '{dir["cut.pcapng"]}': record 3 is unreadable ("));
            Assert.That(cli.Error.TrimEnd('\n'), Does.Not.Contain('\n'));
            Assert.That(Directory.Exists(dir["out"]), Is.False);
        });
    }

    [TestCase(new[] { "--out-dir", "x" }, "rsc: 'rsc replay' needs --in IN.pcap; see 'rsc help replay'\n")]
    [TestCase(new[] { "--in", "x" }, "rsc: 'rsc replay' needs --out-dir DIR; see 'rsc help replay'\n")]
    [TestCase(new[] { "--in", "x", "--out-dir", "y", "--keep-timing", "--spacing-us", "5" }, "rsc: --spacing-us and --keep-timing exclude each other\n")]
    public void Argument_mistakes_are_usage_errors(string[] args, string message)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(["replay", .. args]), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo(message));
        });
    }

    [Test]
    public void A_failing_device_exits_1()
    {
        using var dir = new TempFolder();
        var input = WriteCapture(dir);
        var cli = new CliFixture { Device = new FakeDeviceFactory(FakeBehaviour.Fail) };

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("replay", "--in", input, "--out-dir", dir["out"]), Is.EqualTo(ExitCodes.Failure));
            Assert.That(cli.Error, Is.EqualTo("rsc: device failed: link down\n"));
        });
    }
}
