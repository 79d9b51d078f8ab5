using Rsc.Device;

namespace Rsc.Harness.Adapters.Reference;

/// <summary>
/// Named faults the reference engine can be built with ("reference:fault=NAME[+NAME]"), so the
/// suite can prove it catches a broken device. The names are the engine's own.
/// </summary>
public static class ReferenceFaults
{
    /// <summary>Every fault name the engine knows.</summary>
    public static IReadOnlyList<string> Names => RscFaults.Names;

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for a name the engine does not know.</summary>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (RscFaults.TryParse(name, out _))
        {
            return;
        }
        var known = Names.Count == 0 ? "this build of the reference device knows no faults" : "known faults: " + string.Join(", ", Names);
        throw new ArgumentException($"unknown fault '{name}'; {known}");
    }

    /// <summary>The engine options with every fault in <paramref name="faults"/> switched on.</summary>
    public static RscEngineOptions Apply(RscEngineOptions options, IReadOnlyList<string> faults)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(faults);
        var combined = options.Faults;
        foreach (var f in faults)
        {
            Validate(f);
            combined |= RscFaults.Parse(f);
        }
        return options with { Faults = combined };
    }
}
