using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS (SHOULD): gso_size equals the largest merged payload, the MSS as seen.</summary>
internal sealed class GsoSizeMssRule() : UnitRule(OracleRules.GsoSizeMss, RequirementLevel.Should, "VS",
    "gso_size equals the largest merged payload (the MSS as seen).")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        int gsoSize = unit.Header.GsoSize;
        int mss = unit.Unit.MaxPayload;
        // Out of range is the MUST of VS.gso-size; this asks only for the exact value.
        if (unit.Unit.DataSegments > 0 && gsoSize != 0 && gsoSize < mss)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: gso_size should be {mss} (largest merged payload), observed {gsoSize}");
        }
    }
}
