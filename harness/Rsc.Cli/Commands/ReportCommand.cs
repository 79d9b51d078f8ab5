using Rsc.Reports.Html;

namespace Rsc.Cli.Commands;

/// <summary>`rsc report`: the HTML report builder on the command's output streams.</summary>
public sealed class ReportCommand(CliEnvironment env)
{
    public Task<int> RunAsync(ReportOptions arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new ReportBuilder(env.Out, env.Error, env.Clock).Build(arguments).ExitCode);
}
