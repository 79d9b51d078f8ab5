using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle.Rules;

/// <summary>Which readings a unit rule judges.</summary>
internal enum UnitShape
{
    /// <summary>A guest frame read as one sent frame.</summary>
    Single,
    /// <summary>A guest frame read as several sent frames merged.</summary>
    Coalesced,
    /// <summary>Both.</summary>
    Any,
}

/// <summary>
/// A general rule judged over one aligned unit: the guest frame, the sent frames it delivers and the
/// facts of both (<see cref="UnitView"/>). A new rule is a subclass (usually of <see cref="FrameRule"/>
/// or <see cref="StepRule"/>) and a line in <see cref="GeneralRules"/>.
/// </summary>
internal abstract class UnitRule(string id, string section, string text, RequirementLevel level = RequirementLevel.Must, UnitShape shape = UnitShape.Coalesced)
    : GeneralRule(id, level, section, text)
{
    public UnitShape Shape { get; } = shape;

    public bool AppliesTo(UnitSummary unit) => Shape == UnitShape.Any || (Shape == UnitShape.Coalesced) == unit.IsCoalesced;

    /// <summary>Reports every violation of the rule by this reading.</summary>
    public abstract void Check(UnitView unit, UnitReport report);
}

/// <summary>A unit rule the delivered frame keeps or breaks as a whole: at most one finding per unit, about the whole unit.</summary>
internal abstract class FrameRule(string id, string section, string text, RequirementLevel level = RequirementLevel.Must, UnitShape shape = UnitShape.Coalesced)
    : UnitRule(id, section, text, level, shape)
{
    /// <summary>How the frame breaks the rule, in words; null when it keeps it.</summary>
    protected abstract string? Violation(UnitView unit);

    public override void Check(UnitView unit, UnitReport report)
    {
        if (Violation(unit) is { } message)
        {
            report.Add(this, message);
        }
    }
}

/// <summary>A merge-legality rule: one finding per segment whose merge into the unit breaks <paramref name="fact"/>.</summary>
internal abstract class StepRule(MergeBreaks fact, string id, string section, string text, RequirementLevel level = RequirementLevel.Must)
    : UnitRule(id, section, text, level)
{
    /// <summary>The finding's message for <paramref name="step"/>.</summary>
    protected abstract string Describe(UnitView unit, UnitStep step);

    /// <summary>The sent frames the finding names: the segment itself unless the rule says otherwise.</summary>
    protected virtual IReadOnlyList<int> SentFrames(UnitView unit, UnitStep step) => [step.Segment.Index];

    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(fact))
            {
                report.Add(this, Describe(unit, step), SentFrames(unit, step));
            }
        }
    }
}

/// <summary>Collects the findings of the rules judged over one unit.</summary>
internal sealed class UnitReport(List<Finding> target, int guestIndex, IReadOnlyList<int> unitSentFrames)
{
    /// <param name="sentFrames">The sent frames concerned; null means the whole unit.</param>
    /// <param name="severity">Overrides the rule's own weight (an excused rule reported as Info at its source).</param>
    public void Add(GeneralRule rule, string message, IReadOnlyList<int>? sentFrames = null, Severity? severity = null) =>
        target.Add(new Finding(rule.Id, severity ?? rule.Severity, message, [guestIndex], sentFrames ?? unitSentFrames));
}
