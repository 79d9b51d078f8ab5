using System.CommandLine;
using System.CommandLine.Parsing;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;
using Rsc.Evidence.Handlers;

namespace Rsc.Cli.Commands;

/// <summary>The declaration of `rsc evidence pack|verify|show` (docs/evidence.md).</summary>
public static class EvidenceDeclaration
{
    private const string VerifyExitCodes = """
        Exit code: 0 when every file matches the manifest (and the signature, when there is one or
        --cert asks for one), 1 naming the first changed, missing or extra file or the bad signature,
        2 when the file is not an evidence bundle or --cert cannot be used.
        """;

    public static CliCommand Create(CliEnvironment env)
    {
        var handler = new EvidenceCommand(env);
        var command = new CliCommand("evidence", "pack a run folder into an evidence bundle; verify or show one", """
            An evidence bundle is one zip file holding every file of a run folder, a manifest with the
            run's facts (device, settings, tool and commit, catalogue hash, host, verdicts,
            completeness) and every file's SHA-256, a SHA256SUMS file and, optionally, a CMS signature
            over the manifest. See docs/evidence.md.
            """)
        {
            Footer = "Exit code: that of the subcommand; 2 for bad arguments.",
        };
        command.Add(Pack(handler));
        command.Add(Verify(handler));
        command.Add(Show(handler));
        return command;
    }

    private static CliCommand Pack(EvidenceCommand handler)
    {
        var input = OptionKinds.Text("--in", "RUN_DIR", "the run folder to pack (what 'rsc run --out' wrote)");
        input.Needed = true;
        var output = OptionKinds.Text("--out", "BUNDLE.zip", "the bundle to write (replaced if it exists)");
        output.Needed = true;
        var sign = OptionKinds.Text("--sign", "CERT.pfx", "sign the manifest with this PKCS#12 file's certificate and key");
        var password = OptionKinds.Text("--password-env", "VAR", "the environment variable holding the --sign file's password (never the password itself); without it the file must have none");
        var command = new CliCommand("pack", "pack a run folder into an evidence bundle", """
            Packs every file of a run folder (results.json, each case's sent.pcap, guest.pcap,
            guest.jsonl and wire.log, anything else in it) with a manifest of the run's facts read from
            its results.json and every file's SHA-256. The same folder always packs to the same bytes.
            """)
        {
            Footer = """
                Exit code: 0 packed, 1 when the run's evidence is incomplete (an artifact results.json
                names is missing), 2 for bad arguments, a folder that is not a run, a bad PFX or password,
                or an unset --password-env variable.
                """,
        };
        command.Add(input);
        command.Add(output);
        command.Add(sign);
        command.Add(password);
        command.Validators.Add(result =>
        {
            if (Given(result.GetResult(password)) && !Given(result.GetResult(sign)))
            {
                result.AddError("--password-env needs --sign");
            }
        });
        return command.Handles(
            parse => new EvidencePackOptions(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(sign), parse.GetValue(password)),
            handler.PackAsync);
    }

    private static CliCommand Verify(EvidenceCommand handler)
    {
        var bundle = Bundle();
        var cert = Certificate();
        var command = new CliCommand("verify", "check an evidence bundle's files and signature", """
            Checks that the file is an evidence bundle, that SHA256SUMS records the manifest, that the
            signature (if any) is valid over the manifest, and that every file in the bundle is in the
            manifest with the size and SHA-256 recorded there. Stops at the first problem. A signed
            bundle without --cert verifies, but only as intact since someone signed it; --cert says who.
            """)
        {
            Footer = VerifyExitCodes,
        };
        command.Add(bundle);
        command.Add(cert);
        return command.Handles(parse => new EvidenceVerifyOptions(parse.GetValue(bundle)!, parse.GetValue(cert)), handler.VerifyAsync);
    }

    private static CliCommand Show(EvidenceCommand handler)
    {
        var bundle = Bundle();
        var cert = Certificate();
        var command = new CliCommand("show", "print an evidence bundle's summary, then verify it", """
            Prints what a reviewer reads first: the device (name, kind, version, clock, parameters),
            its profile, the settings, the tool and commit, the catalogue hash, the host, the start and
            end times, the verdict counts and whether the run is complete; then the signature state and
            whether the files are intact. A bundle that does not verify is shown, marked, and exits 1.
            """)
        {
            Footer = VerifyExitCodes,
        };
        command.Add(bundle);
        command.Add(cert);
        return command.Handles(parse => new EvidenceShowOptions(parse.GetValue(bundle)!, parse.GetValue(cert)), handler.ShowAsync);
    }

    private static CliArgument<string> Bundle() =>
        new("BUNDLE.zip", "an evidence bundle (see 'rsc evidence pack')", ArgumentArity.ExactlyOne) { Description = "the bundle" };

    private static CliOption<string?> Certificate() =>
        OptionKinds.Text("--cert", "CERT.cer", "the signer's certificate (DER or PEM): the bundle must be signed by exactly this certificate");

    private static bool Given(OptionResult? result) => result is { Implicit: false };
}
