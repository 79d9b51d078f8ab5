using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: Ethernet header, DSCP, ECN, DF, flow label and fragment fields are the merged segments'.</summary>
internal sealed class HeaderFieldsRule() : UnitRule(OracleRules.HeaderFields, RequirementLevel.Must, "IPH",
    "Ethernet header, DSCP, ECN, DF, flow label and fragment fields are the merged segments'.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var differences = unit.HeaderFieldDifferences;
        if (differences.Count > 0)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: header fields differ from the merged segments' (expected/observed: {string.Join(", ", differences)})");
        }
    }
}
