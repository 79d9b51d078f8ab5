using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Rsc.Reports.Html.Tests.Support;

namespace Rsc.Reports.Html.Benchmarks;

/// <summary>
/// `rsc report` on 5 devices × the whole catalogue (111 cases): the reference device and four
/// faulted ones, run through the harness in process once, then the site (555 case pages with their
/// pictures, the matrix, the by-rule page) generated per iteration, pages written by every core,
/// pictures drawn on one thread. A multi-second operation, so the monitoring strategy: each
/// iteration is one report, no inner loop.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private static readonly string[] Devices =
    [
        "reference",
        "reference:fault=psh-from-last+ttl-from-last",
        "reference:fault=gso-size-zero",
        "reference:fault=checksums-not-recomputed",
        "reference:fault=dup-acks-not-counted+merge-across-gap",
    ];

    private string _root = "";
    private string[] _runs = [];

    [GlobalSetup]
    public void MakeRuns()
    {
        _root = SampleRuns.TempFolder("report-benchmark");
        _runs = [.. Devices.Select((d, i) => Path.Combine(_root, "runs", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        for (int i = 0; i < Devices.Length; i++)
        {
            SampleRuns.RunAsync(_runs[i], Devices[i], SampleRuns.All).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "report: 5 devices x 111 cases")]
    public int Report()
    {
        var result = new ReportBuilder(TextWriter.Null, TextWriter.Null).Build(new ReportOptions(_runs, Path.Combine(_root, "report")));
        if (result.ExitCode != 0 || result.CasePages != Devices.Length * SampleRuns.All.Count)
        {
            throw new InvalidOperationException($"report failed: exit {result.ExitCode}, {result.CasePages} pages");
        }
        return result.Charts;
    }

    [GlobalCleanup]
    public void RemoveRuns() => Directory.Delete(_root, recursive: true);
}
