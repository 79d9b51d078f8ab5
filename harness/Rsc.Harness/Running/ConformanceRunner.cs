using Rsc.Harness.Cases;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Running;

/// <summary>Runs one case: builds its traffic, creates a fresh device, captures, judges.</summary>
public sealed class ConformanceRunner(IDeviceFactory factory, RunOptions options)
{
    public IDeviceFactory Factory { get; } = factory;
    public RunOptions Options { get; } = options;

    public Task<CaseResult> RunAsync(ConformanceCase conformanceCase, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
