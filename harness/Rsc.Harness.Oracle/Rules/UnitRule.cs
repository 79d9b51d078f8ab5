using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

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
/// facts of both (<see cref="UnitView"/>). A new rule is a subclass and a line in <see cref="GeneralRules"/>.
/// </summary>
internal abstract class UnitRule(string id, RequirementLevel level, string section, string text, UnitShape shape = UnitShape.Coalesced)
    : GeneralRule(id, level, section, text)
{
    public UnitShape Shape { get; } = shape;

    public bool AppliesTo(UnitSummary unit) => Shape == UnitShape.Any || (Shape == UnitShape.Coalesced) == unit.IsCoalesced;

    /// <summary>Reports every violation of the rule by this reading.</summary>
    public abstract void Check(UnitView unit, UnitReport report);
}

/// <summary>Collects the findings of the rules judged over one unit.</summary>
internal sealed class UnitReport(List<Finding> target, int guestIndex, IReadOnlyList<int> unitSentFrames)
{
    /// <param name="sentFrames">The sent frames concerned; null means the whole unit.</param>
    /// <param name="severity">Overrides the rule's own weight (an excused rule reported as Info at its source).</param>
    public void Add(GeneralRule rule, string message, IReadOnlyList<int>? sentFrames = null, Severity? severity = null) =>
        target.Add(new Finding(rule.Id, severity ?? rule.Severity, message, [guestIndex], sentFrames ?? unitSentFrames));
}
