using Rsc.Evidence.Handlers;

namespace Rsc.Cli.Commands;

/// <summary>`rsc expectations init|check`: the expectations library's handlers on the command's output streams.</summary>
public sealed class ExpectationsCommand(CliEnvironment env)
{
    public Task<int> InitAsync(ExpectationsInitOptions arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new ExpectationsInitHandler(env.Out, env.Error).Run(arguments));

    public Task<int> CheckAsync(ExpectationsCheckOptions arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new ExpectationsCheckHandler(env.Out, env.Error).Run(arguments));
}
