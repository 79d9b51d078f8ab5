using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: a coalesced frame carries RSC_INFO.</summary>
internal sealed class RscInfoRule() : UnitRule(OracleRules.RscInfo, "VS", "A coalesced frame carries RSC_INFO (when the device reports RSC counts).")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (unit.Header.HasRscInfo)
        {
            return;
        }
        // A device excused from reporting RSC counts is told as Info at the source, so the finding
        // reads the same wherever it is shown.
        report.Add(this,
            $"guest frame {unit.Guest.Index} coalesces {unit.Unit.Count} sent frames, expected RSC_INFO (segments={unit.Unit.DataSegments}, dupAcks={unit.Unit.DupAcks}); observed flags [{VirtioNetHeader.FlagsText(unit.Header.Flags)}]",
            severity: unit.Settings.Capabilities.ExcuseFor(Id) is null ? Severity : Severity.Info);
    }
}
