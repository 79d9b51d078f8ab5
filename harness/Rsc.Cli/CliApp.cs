using Rsc.Cli.Commands;

namespace Rsc.Cli;

/// <summary>
/// The `rsc` command line: picks the command and turns every failure into one line on stderr and an
/// exit code (2 for usage, 1 for anything unexpected); never a stack trace.
/// </summary>
public sealed class CliApp
{
    private readonly CliEnvironment _env;

    public CliApp(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        _env = env;
        var commands = new List<ICommand>();
        commands.AddRange(
        [
            new ListCommand(env),
            new RunCommand(env),
            new ReproCommand(env),
            new ReplayCommand(env),
            new FaultsCommand(env),
            new DeviceCommand(env),
            new PacingCommand(env),
            new MatrixCommand(env),
            new HelpCommand(env, () => commands),
            new VersionCommand(env),
        ]);
        Commands = commands;
    }

    public IReadOnlyList<ICommand> Commands { get; }

    /// <summary>Runs against the real catalogue and devices, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        new CliApp(CliEnvironment.Standard(stdout, stderr)).RunAsync(args, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            if (args.Count == 0)
            {
                throw new UsageException("missing command; see 'rsc help'");
            }
            var name = args[0] switch
            {
                "--help" or "-h" => "help",
                "--version" or "-V" => "version",
                var other => other,
            };
            var command = Commands.FirstOrDefault(c => c.Name == name)
                ?? throw new UsageException(name.StartsWith('-')
                    ? $"unknown option '{name}'; see 'rsc help'"
                    : $"unknown command '{name}'; see 'rsc help'");
            return await command.RunAsync([.. args.Skip(1)], cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            _env.Error.WriteLine($"rsc: {OneLine(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (Harness.Live.LiveSetupException e)
        {
            // The machine cannot host a live device (not root, no /dev/net/tun, a tool missing).
            _env.Error.WriteLine($"rsc: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _env.Error.WriteLine("rsc: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            _env.Error.WriteLine($"rsc: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        finally
        {
            _env.Out.Flush();
            _env.Error.Flush();
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
