using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Oracle;

/// <summary>
/// Judges what the guest received against what was sent, using only the traffic, the capture and
/// the rules (rsc-rules digest). It shares no code with any device.
/// </summary>
public sealed class RscOracle
{
    private readonly OracleSettings _settings;

    public RscOracle(OracleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    public OracleSettings Settings => _settings;

    public Judgement Judge(TrafficPlan plan, DeviceCapture capture, IReadOnlyList<Expectation> expectations)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(expectations);
        throw new NotImplementedException("oracle under construction");
    }
}
