namespace Rsc.Harness.Core.Devices;

/// <summary>
/// A device's capability profile: the rules it is excused from, each with the behaviour that breaks
/// it and the implementation's own source as citation. Every case runs on every device and the
/// oracle judges every frame; a finding on an excused rule is recorded as Info with its excuse, and
/// everything else keeps its severity. An NDIS RSC device is excused from nothing.
/// </summary>
public sealed record DeviceCapabilities
{
    /// <summary>Rules the device is excused from, each with its behaviour and the implementation's own citation.</summary>
    public IReadOnlyList<RuleExcuse> Excuses { get; init; } = [];

    /// <summary>A device held to every rule (the reference device).</summary>
    public static DeviceCapabilities Full { get; } = new();

    /// <summary>The excuse for <paramref name="rule"/>, or null when the device is held to it.</summary>
    public RuleExcuse? ExcuseFor(string rule)
    {
        foreach (var excuse in Excuses)
        {
            if (string.Equals(excuse.Rule, rule, StringComparison.Ordinal))
            {
                return excuse;
            }
        }
        return null;
    }

    /// <summary>This profile with more excuses (a later excuse for the same rule replaces the earlier one).</summary>
    public DeviceCapabilities Excusing(params IEnumerable<RuleExcuse> excuses)
    {
        ArgumentNullException.ThrowIfNull(excuses);
        var merged = new List<RuleExcuse>(Excuses);
        foreach (var excuse in excuses)
        {
            merged.RemoveAll(e => string.Equals(e.Rule, excuse.Rule, StringComparison.Ordinal));
            merged.Add(excuse);
        }
        return this with { Excuses = merged };
    }

    public bool Equals(DeviceCapabilities? other) =>
        other is not null && Excuses.SequenceEqual(other.Excuses);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var excuse in Excuses)
        {
            hash.Add(excuse);
        }
        return hash.ToHashCode();
    }
}
