using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: a coalesced data unit, and any coalesced frame with a TCP gso_type, carries NEEDS_CSUM.</summary>
internal sealed class NeedsCsumRule() : FrameRule(OracleRules.NeedsCsum, "VS", "A coalesced data unit (any TCP gso_type) carries NEEDS_CSUM.")
{
    protected override string? Violation(UnitView unit) => unit.Header.NeedsChecksum ? null
        : unit.Unit.DataSegments > 0 ? $"guest frame {unit.Guest.Index} coalesces data, expected NEEDS_CSUM; observed flags [{VirtioNetHeader.FlagsText(unit.Header.Flags)}]"
        : unit.BaseGsoType != VirtioGsoType.None ? $"guest frame {unit.Guest.Index} has gso_type {unit.Header.GsoType}, expected NEEDS_CSUM with it; observed flags [{VirtioNetHeader.FlagsText(unit.Header.Flags)}]"
        : null;
}
