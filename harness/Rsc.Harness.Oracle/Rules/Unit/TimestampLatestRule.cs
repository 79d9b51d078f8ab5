namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: the unit carries the timestamp option of its latest segment (largest TSval), and none if its segments had none.</summary>
internal sealed class TimestampLatestRule() : UnitRule(OracleRules.TimestampLatest, "R", "The unit carries the timestamp option of its latest segment (largest TSval), and none if its segments had none.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (!unit.TimestampContradicts)
        {
            return;
        }
        var observed = unit.Guest.Timestamp;
        if (unit.Unit.LatestTimestamp is not { } latest)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: no merged segment carried timestamps, observed TS({observed!.Value.TsVal},{observed.Value.TsEcr})");
            return;
        }
        var wanted = latest.Timestamp!.Value;
        report.Add(this,
            $"guest frame {unit.Guest.Index}: timestamp expected TS({wanted.TsVal},{wanted.TsEcr}) of the latest segment (sent {latest.Index}), observed {(observed is null ? "none" : $"TS({observed.Value.TsVal},{observed.Value.TsEcr})")}",
            [latest.Index]);
    }
}
