using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the coalesced frame's IPv4 header checksum is valid (not judged past the size limit).</summary>
internal sealed class IpChecksumRule() : UnitRule(OracleRules.IpChecksum, RequirementLevel.Must, "IPH",
    "The coalesced frame's IPv4 header checksum is valid.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (!unit.Oversized && unit.Unit.IsV4 && !unit.Delivered.IpChecksumValid)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: IPv4 header checksum is not valid");
        }
    }
}
