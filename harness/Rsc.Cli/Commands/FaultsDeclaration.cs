using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc faults` is given.</summary>
public sealed record FaultsArguments(
    IReadOnlyList<string> Faults,
    IReadOnlyList<string> Cases,
    IReadOnlyList<string> Sections,
    RunSettings Settings,
    string? Out,
    TimeSpan? RunTimeout);

/// <summary>The declaration of `rsc faults`.</summary>
public static class FaultsDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var faults = OptionKinds.List("--fault", "NAME", "a fault to run (repeatable; default every fault the reference device knows)");
        faults.Details = "faults: " + string.Join(", ", env.Faults);
        faults.CompletionSources.Add(env.Faults.ToArray());
        var cases = SharedOptions.Cases(env);
        var sections = SharedOptions.Sections(env);
        var interval = SharedOptions.Interval("drain interval in microseconds; a case may pin its own");
        var spacing = SharedOptions.Spacing();
        var output = SharedOptions.Out(
            "output folder: DIR/kill-matrix.json (every outcome of every device configuration) and DIR/kill-matrix.txt (the full fault x case grid, one letter per outcome)",
            "out/faults/<UTC yyyyMMdd-HHmmss>");
        var timeout = SharedOptions.CaseTimeout();
        var runTimeout = SharedOptions.RunTimeout();
        var command = new CliCommand("faults", "run the cases against every reference-device fault and show which cases catch each", """
            Runs the selected cases (all when neither --case nor --section is given) against the fault-free
            reference device and against reference:fault=NAME for each fault, one fresh device per case,
            printing a line per device configuration and then, per fault, how many cases failed it and which
            caught it; a fault no case catches is ESCAPED. A case catches a fault when it fails on the faulty
            device but not on the fault-free one.
            """)
        {
            Footer = """
                Exit code: 0 when the fault-free device passes every case (Pass or Info) and every fault is
                caught by at least one case; 1 otherwise (the escaped faults and the cases the
                fault-free device did not pass are named on stderr) or when the run's time limit expired;
                2 for bad arguments; 130 when interrupted (no kill matrix is written then).
                """,
        };
        command.Add(faults);
        command.Add(cases);
        command.Add(sections);
        command.Add(interval);
        command.Add(spacing);
        command.Add(output);
        command.Add(timeout);
        command.Add(runTimeout);
        return command.Handles(
            parse => new FaultsArguments(
                parse.GetValue(faults)!,
                parse.GetValue(cases)!,
                parse.GetValue(sections)!,
                RunSettings.From(null, parse.GetValue(interval), parse.GetValue(spacing), parse.GetValue(timeout), new Harness.Running.RunOptions().RealTimeLatencyAllowanceNs),
                parse.GetValue(output),
                parse.GetValue(runTimeout)),
            new FaultsCommand(env).RunAsync);
    }
}
