using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: DATA_VALID is never set on a frame whose checksum is bad or that merges a segment whose checksum was bad.</summary>
internal sealed class DataValidBadChecksumRule() : UnitRule(OracleRules.DataValidBadChecksum, RequirementLevel.Must, "VS",
    "DATA_VALID is never set on a frame whose checksum is bad or that merges a segment whose checksum was bad.", UnitShape.Any)
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (!unit.Unit.IsCoalesced)
        {
            if (unit.Header.DataValid && unit.Guest.ChecksumsBad)
            {
                report.Add(this, $"guest frame {unit.Guest.Index} is marked DATA_VALID but its {unit.Guest.BadChecksums()} checksum is wrong");
            }
            return;
        }
        if (unit.DataValidOverBadChecksum)
        {
            report.Add(this, $"guest frame {unit.Guest.Index} is marked DATA_VALID but {(unit.Unit.AnyBadChecksum ? "a merged segment had a bad checksum" : "its own checksum is wrong")}");
        }
    }
}
