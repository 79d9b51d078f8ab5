namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: Ethernet header, DSCP, ECN, DF, flow label and fragment fields are the merged segments'.</summary>
internal sealed class HeaderFieldsRule() : FrameRule(OracleRules.HeaderFields, "IPH", "Ethernet header, DSCP, ECN, DF, flow label and fragment fields are the merged segments'.")
{
    protected override string? Violation(UnitView unit) => unit.HeaderFieldDifferences.Count == 0 ? null
        : $"guest frame {unit.Guest.Index}: header fields differ from the merged segments' (expected/observed: {string.Join(", ", unit.HeaderFieldDifferences)})";
}
