namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: merged segments agree on carrying the timestamp option.</summary>
internal sealed class TimestampPresenceRule() : StepRule(MergeBreaks.TimestampPresence, OracleRules.TimestampPresence, "R", "Merged segments agree on carrying the timestamp option.")
{
    protected override string Describe(UnitView unit, UnitStep step) => unit.Unit.First.Timestamp is null
        ? $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} with a timestamp option into a unit whose first segment has none"
        : $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} without a timestamp option into a unit whose first segment has one";

    protected override IReadOnlyList<int> SentFrames(UnitView unit, UnitStep step) => [unit.Unit.First.Index, step.Segment.Index];
}
