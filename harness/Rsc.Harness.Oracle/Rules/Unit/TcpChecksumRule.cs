using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IND: the coalesced frame's TCP checksum is valid, or NEEDS_CSUM says it was not computed (not judged past the size limit).</summary>
internal sealed class TcpChecksumRule() : UnitRule(OracleRules.TcpChecksum, RequirementLevel.Must, "IND",
    "The coalesced frame's TCP checksum is valid, or the virtio header says it was not computed (NEEDS_CSUM).")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (!unit.Oversized && !unit.Header.NeedsChecksum && !unit.Delivered.TcpChecksumValid)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: TCP checksum is not valid and the virtio header does not say NEEDS_CSUM");
        }
    }
}
