using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc run` is given.</summary>
/// <param name="Expect">An expectations file that judges the run instead of "any Fail or Error"; null: none.</param>
/// <param name="JUnit">`--junit FILE`: JUnit XML of the run, written when it ends or is interrupted; null: none.</param>
/// <param name="Allure">`--allure DIR`: folders that also get the Allure results (the run folder always has them).</param>
public sealed record RunArguments(RunSettings Settings, IReadOnlyList<string> Cases, IReadOnlyList<string> Sections, string? Out, TimeSpan? RunTimeout, string? Expect = null, string? JUnit = null, IReadOnlyList<string>? Allure = null);

/// <summary>The declaration of `rsc run`.</summary>
public static class RunDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var dut = SharedOptions.Dut(env);
        var cases = SharedOptions.Cases(env);
        var sections = SharedOptions.Sections(env);
        var interval = SharedOptions.Interval();
        var spacing = SharedOptions.Spacing();
        var latency = SharedOptions.LatencyAllowance();
        var output = SharedOptions.Out(
            "output folder: DIR/results.json, rewritten after every case, and DIR/cases/ID/ with sent.pcap, guest.pcap, guest.jsonl and wire.log",
            "out/runs/<UTC yyyyMMdd-HHmmss>");
        var timeout = SharedOptions.CaseTimeout();
        var runTimeout = SharedOptions.RunTimeout();
        var expect = ExpectationsDeclaration.ExpectOption(
            "judge the run by the device's expectations file (testcases/expectations/; docs/expectations.md): pass when the device fails exactly as the file expects");
        var junit = OptionKinds.Text("--junit", "FILE", "also write JUnit XML of the run to FILE when the run ends or is interrupted (a testsuite for the device, a testcase per case; 'rsc junit' writes it from any run folder)");
        var allure = OptionKinds.List("--allure", "DIR", "also write Allure results to DIR (repeatable); DIR/allure-results under the run folder always has them");
        var command = new CliCommand("run", "run conformance cases against a device and record the results", """
            Runs the selected cases (all when neither --case nor --section is given) against a device,
            one fresh device per case, and shows each case as it runs and a summary table. At a terminal
            that is a live display; redirected, in CI (CI or TF_BUILD set) or with NO_COLOR set, a line
            per case.
            """)
        {
            Footer = """
                Exit code: 0 when no case failed or errored, 1 when one did or the run's time limit
                (--run-timeout-s) expired, 2 for bad arguments, 130 when interrupted (Ctrl-C, SIGTERM);
                an interrupted or timed-out run keeps what was judged in results.json. With --expect, a run
                that ends normally exits 0 when every Fail, NonStrict and Error is expected with exactly its
                rules, 1 for an unexpected, changed or no longer failing (stale) case, 2 when FILE is for
                another device; a FILE that cannot be used exits 2 before any case runs.
                """,
        };
        command.Add(dut);
        command.Add(cases);
        command.Add(sections);
        command.Add(interval);
        command.Add(spacing);
        command.Add(latency);
        command.Add(output);
        command.Add(timeout);
        command.Add(runTimeout);
        command.Add(expect);
        command.Add(junit);
        command.Add(allure);
        return command.Handles(
            parse => new RunArguments(
                RunSettings.From(parse.GetValue(dut), parse.GetValue(interval), parse.GetValue(spacing), parse.GetValue(timeout), parse.GetValue(latency)),
                parse.GetValue(cases)!,
                parse.GetValue(sections)!,
                parse.GetValue(output),
                parse.GetValue(runTimeout),
                parse.GetValue(expect),
                parse.GetValue(junit),
                parse.GetValue(allure)),
            new RunCommand(env).RunAsync);
    }
}
