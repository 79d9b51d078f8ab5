using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// One of the oracle's general rules: the id findings carry, how much a violation weighs, what it
/// requires and the section of testcases/rules.md that states it. <see cref="UnitRule"/>s carry their
/// own check over one aligned unit; the rest are checked over the whole run (conservation, order,
/// latency, statistics) where <see cref="RunRule"/> says.
/// </summary>
internal abstract class GeneralRule(string id, RequirementLevel level, string section, string text)
{
    public RuleDescriptor Descriptor { get; } = new(id, level, text, section);

    public string Id => Descriptor.Id;

    /// <summary>What a violation weighs before any excuse.</summary>
    public Severity Severity { get; } = RscOracle.ToSeverity(level);
}

/// <summary>A general rule checked over the whole run; the comment at its declaration says where.</summary>
internal sealed class RunRule(string id, RequirementLevel level, string section, string text)
    : GeneralRule(id, level, section, text);
