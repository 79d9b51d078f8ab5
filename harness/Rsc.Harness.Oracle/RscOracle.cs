using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Internal;
using Rsc.Harness.Oracle.Rules;
using Rsc.Harness.Oracle.Internal.Aligning;

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

    /// <summary>Judges a run whose case is a MUST: broken expectations fail it.</summary>
    public Judgement Judge(TrafficPlan plan, DeviceCapture capture, IReadOnlyList<Expectation> expectations) =>
        Judge(plan, capture, expectations, RequirementLevel.Must);

    /// <summary>
    /// Judges a run. The general rules weigh as the sources say (MUST fails, SHOULD is non-strict);
    /// an expectation's violations weigh as its own level, else as <paramref name="caseLevel"/>.
    /// </summary>
    public Judgement Judge(TrafficPlan plan, DeviceCapture capture, IReadOnlyList<Expectation> expectations, RequirementLevel caseLevel) =>
        Judge(plan, capture, expectations, caseLevel, null);

    /// <param name="caseRules">
    /// General rules the case exists to check, besides its expectations' rules: together they are
    /// the case's own requirement (see <see cref="Judgement.ExcusedRequirement"/>).
    /// </param>
    public Judgement Judge(TrafficPlan plan, DeviceCapture capture, IReadOnlyList<Expectation> expectations, RequirementLevel caseLevel, IReadOnlyCollection<string>? caseRules)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(expectations);

        var findings = new List<Finding>();
        var sent = BuildSent(plan, capture, findings);
        if (!capture.GuestObserved)
        {
            return JudgeWithoutGuest(plan, capture, expectations, caseLevel, caseRules, findings);
        }
        var sentByIndex = sent.ToDictionary(frame => frame.Index);
        var guest = capture.Guest.Select(frame => new GuestInfo(frame)).ToList();

        var aligner = new RunAligner(sent, guest, _settings, capture.ObservationEndNs);
        var alignment = aligner.Align();
        findings.AddRange(aligner.Findings);
        var backToBack = _settings.Timing == TimingMode.Real ? RealTimeBoundaries.BackToBack(plan) : new HashSet<int>();
        LatencyCheck.Run(alignment, sentByIndex, guest, _settings, findings, backToBack);
        StatisticsCheck.Run(capture.Statistics, alignment, sentByIndex, findings);

        var context = new ExpectationContext(plan, capture, alignment, _settings) { GeneralFindings = [.. findings], UnjudgedLatency = backToBack };
        foreach (var expectation in expectations)
        {
            Check(expectation, context, caseLevel, findings);
        }
        return Conclude(findings, alignment, expectations, caseRules, []);
    }

    /// <summary>
    /// A run whose guest side was not captured: only what the device's counters decide is judged;
    /// every other rule — the general rules, the case's own frame expectations and the general rules
    /// it names — is listed as not observed (Info), and the case's own ones make it unable to pass.
    /// </summary>
    private Judgement JudgeWithoutGuest(
        TrafficPlan plan,
        DeviceCapture capture,
        IReadOnlyList<Expectation> expectations,
        RequirementLevel caseLevel,
        IReadOnlyCollection<string>? caseRules,
        List<Finding> findings)
    {
        const string Why = "the guest side was not captured (judged from the device's counters only)";
        var alignment = new Alignment([]);
        var general = RuleCatalog.All.Where(rule => rule.Level is RequirementLevel.Must or RequirementLevel.Should).Select(rule => rule.Id);
        findings.Add(new Finding(OracleRules.NotObserved, Severity.Info,
            $"general rules not observed, {Why}: {string.Join(", ", general)}", [], []));
        var unobserved = new List<string>();
        var context = new ExpectationContext(plan, capture, alignment, _settings) { GeneralFindings = [.. findings] };
        foreach (var expectation in expectations)
        {
            if (expectation.NeedsGuestFrames)
            {
                unobserved.Add(expectation.Rule);
                findings.Add(new Finding(OracleRules.NotObserved, Severity.Info,
                    $"{expectation.Rule} not observed ({expectation.Description}): {Why}", [], []));
                continue;
            }
            Check(expectation, context, caseLevel, findings);
        }
        foreach (var rule in caseRules ?? [])
        {
            unobserved.Add(rule);
            findings.Add(new Finding(OracleRules.NotObserved, Severity.Info, $"{rule} not observed: {Why}", [], []));
        }
        return Conclude(findings, alignment, expectations, caseRules, unobserved);
    }

    /// <summary>Judges one expectation into <paramref name="findings"/>, weighing it as its own level or the case's.</summary>
    private void Check(Expectation expectation, ExpectationContext context, RequirementLevel caseLevel, List<Finding> findings)
    {
        var severity = ToSeverity(expectation.Level ?? caseLevel);
        foreach (var violation in expectation.Check(context))
        {
            if (_settings.Timing == TimingMode.Real && expectation.DependsOnTiming
                && expectation.ExcuseOnRealTime(violation, context) is { } excuse)
            {
                findings.Add(new Finding(expectation.Rule, Severity.Info, $"{violation.Message}; not judged on a real clock: {excuse}", violation.GuestFrames, violation.SentFrames));
                continue;
            }
            findings.Add(new Finding(expectation.Rule, severity, violation.Message, violation.GuestFrames, violation.SentFrames));
        }
    }

    private Judgement Conclude(List<Finding> findings, Alignment alignment, IReadOnlyList<Expectation> expectations, IReadOnlyCollection<string>? caseRules, List<string> unobserved)
    {
        var judged = ApplyExcuses(findings);
        var ownRules = new HashSet<string>(expectations.Select(expectation => expectation.Rule), StringComparer.Ordinal);
        if (caseRules is not null)
        {
            ownRules.UnionWith(caseRules);
        }
        var excusedRequirement = judged.Where(finding => finding.Excuse is not null && ownRules.Contains(finding.Rule)).Select(finding => finding.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Judgement(FindingCap.Apply(judged, _settings.MaxFindingsPerRule), alignment)
        {
            ExcusedRequirement = excusedRequirement,
            UnobservedRequirement = [.. unobserved.Distinct().Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Findings on a rule the device's profile excuses weigh as Info and carry the excuse; every other
    /// finding keeps its severity. Nothing is dropped: an excused break is still reported.
    /// </summary>
    private List<Finding> ApplyExcuses(List<Finding> findings)
    {
        if (_settings.Capabilities.Excuses.Count == 0)
        {
            return findings;
        }
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            result.Add(_settings.Capabilities.ExcuseFor(finding.Rule) is { } excuse
                ? finding with { Severity = Severity.Info, Excuse = excuse.ToString() }
                : finding);
        }
        return result;
    }

    /// <summary>How much a broken requirement of this level weighs.</summary>
    public static Severity ToSeverity(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => Severity.Fail,
        RequirementLevel.Should => Severity.NonStrict,
        _ => Severity.Info,
    };

    /// <summary>The frames the device actually received, in send order, as the capture recorded them.</summary>
    private static List<SentInfo> BuildSent(TrafficPlan plan, DeviceCapture capture, List<Finding> findings)
    {
        var recorded = new Dictionary<int, SentFrame>();
        foreach (var frame in capture.Sent)
        {
            recorded.TryAdd(frame.Index, frame);
        }
        var result = new List<SentInfo>(plan.Frames.Count);
        foreach (var planned in plan.Frames)
        {
            if (recorded.Remove(planned.Index, out var frame))
            {
                result.Add(new SentInfo(planned.Index, frame.SentNs, frame.Frame, planned.Label));
            }
            else
            {
                findings.Add(new Finding(OracleRules.NotSent, Severity.Info,
                    $"planned frame {planned.Index} ({planned.Label}) was never handed to the device; it is not judged", [], [planned.Index]));
            }
        }
        foreach (var frame in recorded.Values.OrderBy(frame => frame.Index))
        {
            result.Add(new SentInfo(frame.Index, frame.SentNs, frame.Frame, "not in the plan"));
        }
        return result;
    }
}
