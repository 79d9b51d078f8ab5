using Rsc.Harness.Oracle.Internal;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>CONS: a frame delivered alone arrives byte for byte as sent.</summary>
internal sealed class ModifiedRule() : FrameRule(OracleRules.Modified, "CONS", "A frame delivered alone is byte for byte the frame sent.", shape: UnitShape.Single)
{
    protected override string? Violation(UnitView unit) => unit.Unit.First.Frame.AsSpan().SequenceEqual(unit.Guest.Frame.Frame) ? null
        : $"guest frame {unit.Guest.Index} delivers {unit.Unit.First.Describe()} alone but not unchanged: {FrameDiff.Describe(unit.Unit.First.Packet, unit.Guest.Frame.Frame)}";
}
