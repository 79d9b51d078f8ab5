using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle;

namespace Rsc.Reports.Tests;

/// <summary>Small, fully populated results objects for the tests.</summary>
internal static class Samples
{
    public static ResultsDocument Header() => new()
    {
        StartedUtc = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Tool = new ToolEntry("rsc", "1.2.3"),
        Dut = DutEntry.From(new DeviceInfo(
            "reference", "reference", "9.9.9", TimingMode.Virtual, DeviceCapabilities.Full,
            new Dictionary<string, string> { ["interval-us"] = "300", ["faults"] = "none" })),
        Settings = new SettingsEntry { SpacingUs = 100, IntervalUs = 300, CaseFilter = ["RSC-A-001", "section:B"] },
        Environment = EnvironmentEntry.Current(),
    };

    public static CaseEntry Case(string id, Outcome outcome, params FindingEntry[] findings) => new()
    {
        Id = id,
        Section = "A",
        Title = $"title of {id}",
        Level = RequirementLevel.Must,
        Requirement = "segments merge",
        Source = "R",
        Outcome = outcome,
        DurationMs = 4.25,
        IntervalUs = 300,
        SpacingUs = 100,
        SentFrames = 3,
        GuestFrames = 1,
        CoalescedFrames = 1,
        Pacing = new PacingEntry(100_000, 100_000, 100_000, 100_000, 0),
        TrafficParameters = new Dictionary<string, string> { ["seed"] = "7" },
        Statistics = new StatisticsEntry(3, 4344, 1, 0, new Dictionary<string, long> { ["finalize.timer"] = 1 }),
        Error = outcome == Outcome.Error ? "device failed: boom" : null,
        Findings = findings,
        Artifacts = new ArtifactsEntry($"cases/{id}/sent.pcap", $"cases/{id}/guest.pcap", $"cases/{id}/guest.jsonl", $"cases/{id}/wire.log"),
    };

    public static FindingEntry Finding(string rule, Severity severity = Severity.Fail) =>
        new(rule, severity, $"{rule} was broken", [0], [1, 2]);

    public static GuestFrame CoalescedFrame(int index = 0) => new(
        index,
        300_000,
        new VirtioNetHeader(VirtioNetHeaderFlags.NeedsCsum | VirtioNetHeaderFlags.RscInfo, VirtioGsoType.TcpV4, 54, 1448, 3, 1, 1),
        new byte[4398]);

    public static GuestFrame PlainFrame(int index = 1) => new(index, 400_000, default, new byte[60]);

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rsc-reports-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
