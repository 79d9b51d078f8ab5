using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>CONS: a frame delivered alone arrives byte for byte as sent.</summary>
internal sealed class ModifiedRule() : UnitRule(OracleRules.Modified, RequirementLevel.Must, "CONS",
    "A frame delivered alone is byte for byte the frame sent.", UnitShape.Single)
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var sent = unit.Unit.First;
        if (!sent.Frame.AsSpan().SequenceEqual(unit.Guest.Frame.Frame))
        {
            report.Add(this, $"guest frame {unit.Guest.Index} delivers {sent.Describe()} alone but not unchanged: {FrameDiff.Describe(sent.Packet, unit.Guest.Frame.Frame)}");
        }
    }
}
