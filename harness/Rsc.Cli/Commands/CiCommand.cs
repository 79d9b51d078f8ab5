using Rsc.Evidence.Handlers;

namespace Rsc.Cli.Commands;

/// <summary>`rsc ci check-trx`: the CI library's handler on the command's output streams.</summary>
public sealed class CiCommand(CliEnvironment env)
{
    public Task<int> CheckTrxAsync(TrxCheckOptions arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new TrxCheckHandler(env.Out, env.Error).Run(arguments));
}
