using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Rsc.Cli.CommandLine;
using Rsc.Cli.Commands;
using Rsc.CommandLine;

namespace Rsc.Cli;

/// <summary>
/// The `rsc` command line: every command's declaration under one root, parsed by System.CommandLine;
/// a mistake is one line on stderr and exit code 2, a failure one line and exit code 1; never a stack trace.
/// </summary>
public sealed class CliApp
{
    private readonly CliEnvironment _env;

    public CliApp(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        _env = env;
        var commands = new List<CliCommand>();
        commands.AddRange(
        [
            ListDeclaration.Create(env),
            RunDeclaration.Create(env),
            ReproDeclaration.Create(env),
            ReplayDeclaration.Create(env),
            FaultsDeclaration.Create(env),
            DeviceDeclaration.Create(env),
            PacingDeclaration.Create(env),
            MatrixDeclaration.Create(env),
            ReportDeclaration.Create(env),
            JunitDeclaration.Create(env),
            RejudgeDeclaration.Create(env),
            RulesDeclaration.Create(env),
            EvidenceDeclaration.Create(env),
            ExpectationsDeclaration.Create(env),
            CiDeclaration.Create(env),
            HelpDeclaration.Create(env, () => commands),
            VersionDeclaration.Create(env),
            CompletionDeclaration.Create(env),
        ]);
        Commands = commands;
        Root = new RootCommand("conformance tests for TCP Receive Segment Coalescing (RSC) devices");
        Root.Options.Clear();
        Root.Options.Add(new HelpOption("--help", "-h") { Action = new HelpAction(this) });
        Root.Options.Add(new VersionOption("--version", "-V") { Action = new VersionAction(env) });
        foreach (var command in commands)
        {
            Root.Subcommands.Add(command);
        }
    }

    public IReadOnlyList<CliCommand> Commands { get; }

    /// <summary>The System.CommandLine tree every command hangs from (its completion directive included).</summary>
    public RootCommand Root { get; }

    /// <summary>Runs against the real catalogue and devices, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        new CliApp(CliEnvironment.Standard(stdout, stderr)).RunAsync(args, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            var parse = Root.Parse(args, CommandLineParsing.Configuration);
            // Help, --version and the completion directive answer whatever else the line holds.
            if (parse.Action is not { ClearsParseErrors: true } && UsageProblems.First(parse) is { } problem)
            {
                var command = parse.CommandResult.Command as CliCommand;
                _env.Error.WriteLine(command?.DescribeProblem?.Invoke(problem) ?? $"rsc: {OneLine(Describe(problem, command is null))}");
                return ExitCodes.Usage;
            }
            var invocation = new InvocationConfiguration
            {
                Output = _env.Out,
                Error = _env.Error,
                EnableDefaultExceptionHandler = false,
                // Program.cs owns SIGINT and SIGTERM: the first stops after recording what was done.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A usage problem in rsc's words; <paramref name="atRoot"/> when no command was recognised.</summary>
    public static string Describe(UsageProblem problem, bool atRoot)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var c = problem.Command;
        var maybe = problem.Suggestion is { } s ? $" (did you mean '{s}'?)" : "";
        return problem.Kind switch
        {
            UsageProblemKind.MissingCommand when atRoot => "missing command; see 'rsc help'",
            UsageProblemKind.MissingCommand => $"'rsc {c}' needs a command; see 'rsc help {c}'",
            UsageProblemKind.UnknownCommand when atRoot => $"unknown command '{problem.Token}'{maybe}; see 'rsc help'",
            UsageProblemKind.UnknownCommand => $"unknown command '{problem.Token}' for 'rsc {c}'{maybe}; see 'rsc help {c}'",
            UsageProblemKind.UnknownOption when atRoot => $"unknown option '{problem.Token}'; see 'rsc help'",
            UsageProblemKind.UnknownOption => $"unknown option '{problem.Token}' for 'rsc {c}'{maybe}; see 'rsc help {c}'",
            UsageProblemKind.UnexpectedArgument => $"unexpected argument '{problem.Token}' for 'rsc {c}'; see 'rsc help {c}'",
            UsageProblemKind.MissingValue => $"{problem.Token} needs a value; see 'rsc help {c}'",
            UsageProblemKind.Repeated => $"{problem.Token} given {problem.Count} times; give it once",
            UsageProblemKind.MissingArgument or UsageProblemKind.MissingOption => $"'rsc {c}' needs {problem.Missing}; see 'rsc help {c}'",
            _ => problem.Message ?? problem.Kind.ToString(),
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>--help and -h: the overview at the root, else the command's help.</summary>
    private sealed class HelpAction(CliApp app) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            ArgumentNullException.ThrowIfNull(parseResult);
            app._env.Out.Write(parseResult.CommandResult.Command is CliCommand command
                ? command.HelpText()
                : HelpDeclaration.Overview(app.Commands));
            return ExitCodes.Success;
        }
    }

    private sealed class VersionAction(CliEnvironment env) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            env.Out.WriteLine(VersionDeclaration.Line);
            return ExitCodes.Success;
        }
    }
}
