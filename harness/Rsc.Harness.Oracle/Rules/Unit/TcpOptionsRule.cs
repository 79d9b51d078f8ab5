using Rsc.Harness.Oracle.Internal;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: a coalesced frame carries no TCP option other than NOP/EOL and timestamps.</summary>
internal sealed class TcpOptionsRule() : FrameRule(OracleRules.TcpOptions, "R", "A coalesced frame carries no TCP option other than NOP/EOL and timestamps.")
{
    protected override string? Violation(UnitView unit) => unit.Guest.OnlyTimestampOptions ? null
        : $"guest frame {unit.Guest.Index}: expected only the timestamp option (or none), observed {FrameDiff.OptionsText(unit.Delivered)}";
}
