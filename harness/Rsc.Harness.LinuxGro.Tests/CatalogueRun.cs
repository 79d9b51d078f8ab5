using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Harness.Live;
using Rsc.Harness.LinuxGro;
using Rsc.Harness.Running;
using Rsc.TestCases;

namespace Rsc.Harness.LinuxGro.Tests;

/// <summary>
/// Runs the whole catalogue against linux-gro with the default timing (100 us spacing, 300 us
/// interval) and writes a per-case table with every finding and guest frame. Slow and on the real
/// clock, so explicit only. Output: $RSC_GRO_TABLE or linux-gro-catalogue.md in the test directory.
/// Set RSC_GRO_CASES to a comma-separated id list to run only those cases.
/// </summary>
[TestFixture]
[Category("Live")]
[Explicit("runs the whole catalogue on the real clock (about a minute)")]
public sealed class CatalogueRun
{
    [Test]
    public async Task WholeCatalogueAgainstLinuxGro()
    {
        if (LiveEnvironment.WhyUnavailable() is { } reason)
        {
            Assert.Ignore(reason);
        }
        var factory = LinuxGroDeviceFactory.Create(LinuxGroDeviceFactory.Kind, null);
        var runner = new ConformanceRunner(factory, new RunOptions());
        var only = Environment.GetEnvironmentVariable("RSC_GRO_CASES")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var cases = only is { Length: > 0 } ? Catalogue.Select(only, null) : Catalogue.All;
        var table = new StringBuilder();
        var detail = new StringBuilder();
        table.AppendLine("| case | level | outcome | rules |");
        table.AppendLine("|---|---|---|---|");
        var counts = new SortedDictionary<Outcome, int>();
        foreach (var c in cases)
        {
            var r = await runner.RunAsync(c, CancellationToken.None);
            counts[r.Outcome] = counts.GetValueOrDefault(r.Outcome) + 1;
            var rules = r.Outcome == Outcome.Info && r.Findings is [{ Rule: "not-applicable" } na]
                ? $"not applicable: {na.Message}"
                : string.Join(", ", r.Findings.Where(f => f.Severity != Oracle.Severity.Info || r.Outcome == Outcome.Info).Select(f => f.Rule).Distinct());
            table.AppendLine(CultureInfo.InvariantCulture, $"| {c.Id} {c.Title} | {c.Level} | {r.Outcome} | {rules}{(r.Error is null ? "" : " error: " + r.Error)} |");
            if (r.Outcome is Outcome.Fail or Outcome.Error or Outcome.NonStrict)
            {
                detail.AppendLine(CultureInfo.InvariantCulture, $"## {c.Id} {c.Title} -> {r.Outcome}");
                detail.AppendLine(c.Description);
                foreach (var f in r.Findings)
                {
                    detail.AppendLine(CultureInfo.InvariantCulture, $"- {f}");
                }
                if (r.Plan is { } plan)
                {
                    foreach (var s in plan.Frames)
                    {
                        detail.AppendLine(CultureInfo.InvariantCulture, $"  sent #{s.Index} @{s.OffsetNs / 1000}us {s.Frame.Length}B {Tcp(s.Frame)} {s.Label}");
                    }
                }
                if (r.Capture is { } capture)
                {
                    foreach (var g in capture.Guest)
                    {
                        detail.AppendLine(CultureInfo.InvariantCulture, $"  guest #{g.Index} @{g.TimeNs / 1000}us {g.Frame.Length}B {Tcp(g.Frame)} {g.Header}");
                    }
                    detail.AppendLine(CultureInfo.InvariantCulture, $"  pacing p50 {capture.Pacing.P50GapNs / 1000.0}us p99 {capture.Pacing.P99GapNs / 1000.0}us max-late {capture.Pacing.MaxLatenessNs / 1000.0}us");
                    foreach (var n in capture.Notes)
                    {
                        detail.AppendLine(CultureInfo.InvariantCulture, $"  note: {n}");
                    }
                }
                detail.AppendLine();
            }
        }
        var summary = string.Join(", ", counts.Select(kv => $"{kv.Value} {kv.Key}"));
        var path = Environment.GetEnvironmentVariable("RSC_GRO_TABLE") ?? Path.Combine(TestContext.CurrentContext.WorkDirectory, "linux-gro-catalogue.md");
        await File.WriteAllTextAsync(path, $"# linux-gro, {cases.Count} cases: {summary}\n\n{table}\n{detail}");
        TestContext.Out.WriteLine($"{summary}; table in {path}");
        Assert.Pass(summary);
    }

    private static string Tcp(byte[] frame)
    {
        var p = Core.Net.PacketParser.Parse(frame);
        return p.Shape == Core.Net.PacketShape.Tcp
            ? $"[{p.SourcePort}>{p.DestinationPort} seq {p.Seq} ack {p.Ack} win {p.Window} {p.Flags} len {p.PayloadLength} id {p.IpId} ttl {p.TtlOrHopLimit}]"
            : $"[{p.Shape}]";
    }
}
