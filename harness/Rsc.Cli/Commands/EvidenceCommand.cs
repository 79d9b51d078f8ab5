using Rsc.Evidence.Handlers;

namespace Rsc.Cli.Commands;

/// <summary>`rsc evidence pack|verify|show`: the evidence library's handlers on the command's output streams.</summary>
public sealed class EvidenceCommand(CliEnvironment env)
{
    public Task<int> PackAsync(EvidencePackOptions arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new EvidencePackHandler(env.Out, env.Error, env.Variable).Run(arguments));

    public Task<int> VerifyAsync(EvidenceVerifyOptions arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new EvidenceVerifyHandler(env.Out, env.Error).Run(arguments));

    public Task<int> ShowAsync(EvidenceShowOptions arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new EvidenceShowHandler(env.Out, env.Error).Run(arguments));
}
