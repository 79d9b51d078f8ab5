using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;

namespace Rsc.Harness.Running;

/// <summary>Judges one run; the runner uses <see cref="RscOracle"/>, tests may stand in their own verdicts.</summary>
internal delegate Judgement CaseJudge(
    OracleSettings settings,
    TrafficPlan plan,
    DeviceCapture capture,
    IReadOnlyList<Expectation> expectations,
    RequirementLevel caseLevel,
    IReadOnlyCollection<string> caseRules);
