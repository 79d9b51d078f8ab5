using Rsc.Harness.Adapters;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Harness.Live.Tests;

/// <summary>
/// Every live case through a TAP carries wire.pcap: what the kernel put on the TAP, with its own
/// nanosecond timestamps, and the pacing measured there.
/// </summary>
[Category("Live")]
[NonParallelizable]
public sealed class WireCaptureTests
{
    [SetUp]
    public void Live() => LiveTest.RequireLive();

    [TearDown]
    public void NothingLeft() => Assert.That(LiveTest.Leftovers(), Is.Empty, "interfaces or namespaces left behind");

    [Test]
    public async Task A_reference_tap_case_writes_the_wire_with_the_case_s_frames()
    {
        var c = Catalogue.All.Single(x => x.Id == "RSC-FLAG-002");
        var runner = new ConformanceRunner(DeviceRegistry.Create("reference-tap"), new RunOptions { RealTimeLatencyAllowanceNs = 50_000_000 });
        var result = await runner.RunAsync(c, CancellationToken.None);
        var folder = Path.Combine(Path.GetTempPath(), "rsc-wire-" + Guid.NewGuid().ToString("N"));
        try
        {
            var capture = result.Capture ?? throw new AssertionException($"no capture: {result.Error}");
            var artifacts = CaseArtifacts.Write(folder, c.Id, capture, WireLog.Render(result));
            var (link, records) = CaptureFileReader.Read(Path.Combine(folder, artifacts.WirePcap!));
            var entry = ResultsMapping.ToEntry(result, artifacts);

            Assert.Multiple(() =>
            {
                Assert.That(link, Is.EqualTo(PcapFile.LinkTypeEthernet));
                // The case's frames, in order, among whatever else crossed the TAP.
                int next = 0;
                foreach (var sent in capture.Sent)
                {
                    int at = records.FindIndex(next, r => r.Data.AsSpan().SequenceEqual(sent.Frame));
                    Assert.That(at, Is.GreaterThanOrEqualTo(0), $"sent frame {sent.Index} is not on the wire after record {next} ({records.Count} records: {string.Join(", ", records.Take(8).Select(r => r.Data.Length))}; notes: {string.Join("; ", capture.Notes)})");
                    next = at + 1;
                }
                // The kernel's clock, ns resolution: not every stamp is a whole microsecond.
                Assert.That(records.Any(r => r.TimestampNs % 1000 != 0), Is.True, "timestamps kept their nanoseconds");
                Assert.That(records.First().TimestampNs, Is.GreaterThan(1_600_000_000_000_000_000L), "kernel (epoch) timestamps");
                Assert.That(capture.WirePacing!.Frames, Is.EqualTo(capture.Sent.Count));
                Assert.That(entry.Pacing!.Wire!.P50Ns, Is.EqualTo(capture.WirePacing.P50GapNs));
                Assert.That(File.ReadAllText(Path.Combine(folder, artifacts.WireLog!)), Does.Contain("Pacing on the wire"));
            });
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
