
namespace Rsc.Harness.Oracle.Rules;

/// <summary>Judges one aligned guest frame by every unit rule that applies to its reading.</summary>
internal static class UnitJudge
{
    public static void Judge(UnitView unit, List<Finding> findings)
    {
        var report = new UnitReport(findings, unit.Guest.Index, unit.Unit.SentIndices());
        foreach (var rule in GeneralRules.UnitRules)
        {
            if (rule.AppliesTo(unit.Unit))
            {
                rule.Check(unit, report);
            }
        }
    }
}
