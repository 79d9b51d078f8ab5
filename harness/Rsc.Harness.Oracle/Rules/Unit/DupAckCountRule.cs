using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: with RSC_INFO, csum_offset is the number of duplicate ACKs absorbed.</summary>
internal sealed class DupAckCountRule() : UnitRule(OracleRules.DupAckCount, RequirementLevel.Must, "VS",
    "csum_offset (with RSC_INFO) is the number of duplicate ACKs absorbed.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var header = unit.Header;
        if (header.HasRscInfo && header.CsumOffset != unit.Unit.DupAcks)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: RSC dup-ACK count (csum_offset) expected {unit.Unit.DupAcks}, observed {header.CsumOffset}");
        }
    }
}
