using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;
using Rsc.TestCases;

namespace Rsc.Harness.Qemu.Tests.Live;

/// <summary>
/// Runs the whole catalogue against QEMU at a given spacing and interval and writes a per-case
/// table with every finding and the frames of each non-passing case. Real clock, a fresh QEMU per
/// case, so explicit only. Output: qemu-catalogue-SPACING-INTERVAL.md in $RSC_QEMU_TABLE_DIR (or
/// the test directory). $RSC_QEMU_CASES (comma-separated ids) runs only those cases.
/// </summary>
[TestFixture]
[Category("Live")]
[Explicit("runs the whole catalogue on the real clock (a few minutes)")]
[NonParallelizable]
public sealed class QemuCatalogueRun
{
    [TestCase(1_000_000, 10_000_000, TestName = "Catalogue_Spacing1ms_Interval10ms")]
    [TestCase(100_000, 300_000, TestName = "Catalogue_Spacing100us_Interval300us")]
    public async Task WholeCatalogueAgainstQemu(long spacingNs, long intervalNs)
    {
        QemuLive.RequireOrIgnore();
        var options = string.Create(CultureInfo.InvariantCulture, $"interval-us={intervalNs / 1000}");
        var factory = QemuDeviceFactory.Create($"qemu:{options}", options);
        var runner = new ConformanceRunner(factory, new RunOptions { SpacingNs = spacingNs, DrainIntervalNs = intervalNs });
        var only = Environment.GetEnvironmentVariable("RSC_QEMU_CASES")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var cases = only is { Length: > 0 } ? Catalogue.Select(only, null) : Catalogue.All;

        var table = new StringBuilder();
        var detail = new StringBuilder();
        table.AppendLine("| case | level | interval us | spacing us | outcome | rules (non-info) | set-up ms |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        var counts = new SortedDictionary<Outcome, int>();
        var setups = new List<double>();
        foreach (var c in cases)
        {
            var r = await runner.RunAsync(c, CancellationToken.None);
            counts[r.Outcome] = counts.GetValueOrDefault(r.Outcome) + 1;
            string setup = r.Device?.Parameters.GetValueOrDefault("setup-ms") ?? "-";
            if (double.TryParse(setup, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                setups.Add(ms);
            }
            var rules = string.Join(", ", r.Findings.Where(f => f.Severity != Severity.Info || r.Outcome == Outcome.Info).Select(f => f.Rule).Distinct());
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Id} {c.Title} | {c.Level} | {r.DrainIntervalNs / 1000} | {r.SpacingNs / 1000} | {r.Outcome} | {rules}{(r.Error is null ? "" : " error: " + r.Error)} | {setup} |");
            if (r.Outcome is Outcome.Fail or Outcome.Error or Outcome.NonStrict)
            {
                detail.AppendLine(CultureInfo.InvariantCulture, $"## {c.Id} {c.Title} -> {r.Outcome}");
                detail.AppendLine(c.Description);
                foreach (var f in r.Findings)
                {
                    detail.AppendLine(CultureInfo.InvariantCulture, $"- {f}");
                }
                if (r.Capture is { } capture)
                {
                    foreach (var s in capture.Sent)
                    {
                        var label = r.Plan?.Frames.ElementAtOrDefault(s.Index)?.Label ?? "";
                        detail.AppendLine(CultureInfo.InvariantCulture, $"  sent #{s.Index} @{s.SentNs / 1000}us (due {s.ScheduledNs / 1000}us) {s.Frame.Length}B {Tcp(s.Frame)} {label}");
                    }
                    foreach (var g in capture.Guest)
                    {
                        detail.AppendLine(CultureInfo.InvariantCulture, $"  guest #{g.Index} @{g.TimeNs / 1000}us {g.Frame.Length}B {Tcp(g.Frame)} {g.Header}");
                    }
                    detail.AppendLine(CultureInfo.InvariantCulture,
                        $"  pacing p50 {capture.Pacing.P50GapNs / 1000.0}us p99 {capture.Pacing.P99GapNs / 1000.0}us max-late {capture.Pacing.MaxLatenessNs / 1000.0}us");
                    foreach (var n in capture.Notes)
                    {
                        detail.AppendLine(CultureInfo.InvariantCulture, $"  note: {n}");
                    }
                }
                detail.AppendLine();
            }
        }
        setups.Sort();
        var summary = string.Join(", ", counts.Select(kv => $"{kv.Value} {kv.Key}"));
        var setupText = setups.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture,
            $"set-up per case: median {setups[setups.Count / 2]:0} ms, min {setups[0]:0} ms, max {setups[^1]:0} ms");
        var dir = Environment.GetEnvironmentVariable("RSC_QEMU_TABLE_DIR") ?? TestContext.CurrentContext.WorkDirectory;
        var path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"qemu-catalogue-{spacingNs / 1000}us-{intervalNs / 1000}us.md"));
        await File.WriteAllTextAsync(path,
            $"# QEMU {factory.Name}, spacing {spacingNs / 1000} us, interval {intervalNs / 1000} us, {cases.Count} cases: {summary}\n\n{setupText}\n\n{table}\n{detail}");
        TestContext.Out.WriteLine($"{summary}; {setupText}; table in {path}");
        Assert.Pass(summary);
    }

    private static string Tcp(byte[] frame)
    {
        var p = Core.Net.PacketParser.Parse(frame);
        if (p.Shape != Core.Net.PacketShape.Tcp)
        {
            return $"[{p.Shape}]";
        }
        string ipCsum = p.IpVersion == 4 ? (p.IpChecksumValid ? " ipcsum ok" : " ipcsum BAD") : "";
        return $"[v{p.IpVersion} {p.SourcePort}>{p.DestinationPort} seq {p.Seq} ack {p.Ack} win {p.Window} {p.Flags} len {p.PayloadLength} id {p.IpId} ttl {p.TtlOrHopLimit}{ipCsum} tcpcsum {(p.TcpChecksumValid ? "ok" : "BAD")}]";
    }
}
