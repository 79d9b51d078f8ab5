using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;
using Rsc.Evidence.Handlers;

namespace Rsc.Cli.Commands;

/// <summary>The declaration of `rsc junit`: a run as JUnit XML for a CI test tab.</summary>
public static class JunitDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var results = new CliArgument<string>("RUN_DIR", "a run folder or its results.json", ArgumentArity.ExactlyOne) { Description = "a run folder, or its results.json" };
        var output = OptionKinds.Text("--out", "FILE.xml", "the JUnit XML file to write (replaced atomically)");
        output.Needed = true;
        var expect = ExpectationsDeclaration.ExpectOption(
            "the device's expectations file: a failure it expects with exactly its rules is written as passed, with the reason");
        var command = new CliCommand("junit", "write a run as JUnit XML (for CI test tabs)", """
            Writes a testsuite per run and a testcase per case (classname DEVICE.SECTION, name the case
            id): Fail and Error are failures with every finding, Info and cases never judged are skipped
            with the reason, Pass and NonStrict pass. With --expect, the device's known deviations pass
            and only regressions show as failures. 'rsc run --junit FILE' writes the same as it runs.
            """)
        {
            Footer = "Exit code: 0 written (whatever the verdicts: the run, or --expect on run and expectations check, gates those), 2 for a folder that is not a run, an unusable expectations file or one for another device, or a file that cannot be written.",
        };
        command.Add(results);
        command.Add(output);
        command.Add(expect);
        return command.Handles(
            parse => new JunitExportOptions(parse.GetValue(results)!, parse.GetValue(output)!, parse.GetValue(expect)),
            (options, _) => Task.FromResult(new JunitExportHandler(env.Out, env.Error).Run(options)));
    }
}
