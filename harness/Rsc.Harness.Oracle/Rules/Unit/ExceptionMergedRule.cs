using Rsc.Harness.Oracle.Internal;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>E: a segment that may never be coalesced is never merged. One finding per such segment, under
/// the rule of its kind of exception (<see cref="ExceptionKind"/>): a FIN alone and non-timestamp
/// options alone have ids of their own, so a device that merges either by design can be excused for
/// that and nothing else.</summary>
internal sealed class ExceptionMergedRule(ExceptionKind kind, string id, string text) : UnitRule(id, "E", text)
{
    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var segment in unit.Unit.Steps.Select(step => step.Segment).Where(segment => segment.Exception.Kind == kind))
        {
            report.Add(this, $"guest frame {unit.Guest.Index} coalesces {segment.Describe()}, which may never be coalesced ({segment.Exception.Reasons()})", [segment.Index]);
        }
    }
}
