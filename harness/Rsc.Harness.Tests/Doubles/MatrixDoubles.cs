using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;

namespace Rsc.Harness.Tests.Doubles;

/// <summary>
/// Kill-matrix stand-ins: echo devices named by their --dut spelling and verdicts looked up by
/// (device spelling, case id), so a test states which case catches which fault.
/// </summary>
internal sealed class MatrixDoubles
{
    private readonly Dictionary<(string Dut, string CaseId), Severity> _verdicts = [];
    private readonly Lock _gate = new();

    public List<string> Specs { get; } = [];

    /// <summary>Cases whose traffic carries their id, so the stand-in verdict can find it; STAT cases are informational.</summary>
    public static IReadOnlyList<ConformanceCase> Cases(params string[] ids) =>
        [.. ids.Select(id => SampleCases.Case(id, id.Contains("-STAT-", StringComparison.Ordinal) ? RequirementLevel.Info : RequirementLevel.Must, build: _ =>
        {
            var traffic = new TrafficBuilder(100_000);
            traffic.FlowV4().Data(1448);
            traffic.Parameter("case", id);
            return new CaseTraffic(traffic.Build(), []);
        }))];

    /// <summary>Makes <paramref name="caseId"/> answer <paramref name="severity"/> on the device spelt <paramref name="dut"/>.</summary>
    public MatrixDoubles With(string dut, string caseId, Severity severity = Severity.Fail)
    {
        _verdicts[(dut, caseId)] = severity;
        return this;
    }

    public IDeviceFactory Factory(string spec)
    {
        lock (_gate)
        {
            Specs.Add(spec);
        }
        return new NamedFactory(spec, _gate);
    }

    public ConformanceRunner Runner(IDeviceFactory factory, RunOptions options) =>
        new(factory, options, TimeProvider.System, (settings, plan, capture, expectations, level, rules) =>
        {
            var key = (factory.Name, plan.Parameters["case"]);
            return _verdicts.TryGetValue(key, out var severity)
                ? Judges.With(severity)(settings, plan, capture, expectations, level, rules)
                : Judges.Pass(settings, plan, capture, expectations, level, rules);
        });

    private sealed class NamedFactory(string name, Lock gate) : IDeviceFactory
    {
        private readonly FakeDeviceFactory _inner = new();

        public string Name => name;

        public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                return _inner.CreateAsync(configuration, cancellationToken);
            }
        }
    }
}
