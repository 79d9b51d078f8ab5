using Rsc.Cli.CommandLine;
using Rsc.Device.Daemon;

namespace Rsc.Cli.Commands;

/// <summary>
/// The declaration of `rsc device`: the daemon's own option declaration (<see cref="DaemonCommandLine"/>),
/// shown and parsed by `rsc` with the daemon's wording for mistakes.
/// </summary>
public static class DeviceDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var daemon = new DaemonCommandLine(env.Variables);
        var command = new CliCommand(DaemonCommandLine.Name, DaemonCommandLine.Summary, DaemonCommandLine.Description)
        {
            Footer = DaemonCommandLine.Footer,
            DescribeProblem = problem => DeviceCommand.ErrorLine(DaemonCommandLine.Describe(problem)),
        };
        foreach (var option in daemon.Options)
        {
            command.Add(option);
        }
        return command.Handles(parse => parse, (parse, cancellationToken) => new DeviceCommand(env).RunAsync(daemon, parse, cancellationToken));
    }
}
