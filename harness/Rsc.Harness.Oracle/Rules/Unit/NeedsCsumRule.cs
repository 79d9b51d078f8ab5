using Rsc.Harness.Core;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: a coalesced data unit, and any coalesced frame with a TCP gso_type, carries NEEDS_CSUM.</summary>
internal sealed class NeedsCsumRule() : UnitRule(OracleRules.NeedsCsum, RequirementLevel.Must, "VS",
    "A coalesced data unit (any TCP gso_type) carries NEEDS_CSUM.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var header = unit.Header;
        if (header.NeedsChecksum)
        {
            return;
        }
        if (unit.Unit.DataSegments > 0)
        {
            report.Add(this, $"guest frame {unit.Guest.Index} coalesces data, expected NEEDS_CSUM; observed flags [{VirtioNetHeader.FlagsText(header.Flags)}]");
        }
        else if (unit.BaseGsoType != VirtioGsoType.None)
        {
            report.Add(this, $"guest frame {unit.Guest.Index} has gso_type {header.GsoType}, expected NEEDS_CSUM with it; observed flags [{VirtioNetHeader.FlagsText(header.Flags)}]");
        }
    }
}
