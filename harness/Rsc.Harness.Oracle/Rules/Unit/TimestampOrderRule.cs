namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: TSval never goes back (modulo 2^32) inside a unit.</summary>
internal sealed class TimestampOrderRule() : StepRule(MergeBreaks.TimestampBack, OracleRules.TimestampOrder, "R", "TSval never goes back (modulo 2^32) inside a unit.")
{
    protected override string Describe(UnitView unit, UnitStep step) =>
        $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} with TSval {step.Segment.Timestamp!.Value.TsVal}, earlier than TSval {step.LatestTimestampBefore!.Timestamp!.Value.TsVal} of sent {step.LatestTimestampBefore.Index} already in the unit";

    protected override IReadOnlyList<int> SentFrames(UnitView unit, UnitStep step) => [step.LatestTimestampBefore!.Index, step.Segment.Index];
}
