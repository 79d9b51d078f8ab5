namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: no data joins a unit that has absorbed a duplicate ACK.</summary>
internal sealed class DataAfterDupAckRule() : StepRule(MergeBreaks.DataAfterDupAck, OracleRules.DataAfterDupAck, "R", "No data joins a unit that has absorbed a duplicate ACK.")
{
    protected override string Describe(UnitView unit, UnitStep step) =>
        $"guest frame {unit.Guest.Index} merges data {step.Segment.Describe()} into a unit that already absorbed {step.DupAcksBefore} duplicate ACK(s)";
}
