using System.Globalization;

namespace Rsc.Harness.Windows.Cim;

/// <summary>
/// One CIM instance as its property values (what Get-CimInstance shows): booleans, integers,
/// strings, embedded instances as nested <see cref="CimObject"/>s. The same shape whether it came
/// from a live CIM session or from a recording, so everything above it is tested on any OS.
/// </summary>
/// <param name="ClassName">e.g. MSFT_NetAdapterRscSettingData.</param>
/// <param name="Properties">Property name to value (null when the instance has the property unset).</param>
public sealed record CimObject(string ClassName, IReadOnlyDictionary<string, object?> Properties)
{
    /// <summary>The live instance this was read from, for method calls; null for recorded ones.</summary>
    public object? Native { get; init; }

    public string? Text(string name) => Properties.GetValueOrDefault(name) switch
    {
        null => null,
        string s => s,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    /// <summary>The boolean <paramref name="name"/>; throws <see cref="CimDataException"/> when absent or of another type.</summary>
    public bool Flag(string name) => Properties.GetValueOrDefault(name) switch
    {
        bool b => b,
        var other => throw new CimDataException($"{ClassName}.{name} is {Describe(other)}, not a boolean"),
    };

    /// <summary>The unsigned integer <paramref name="name"/> (uint8 to uint64 alike).</summary>
    public ulong Count(string name) => Properties.GetValueOrDefault(name) switch
    {
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        int v when v >= 0 => (ulong)v,
        long v when v >= 0 => (ulong)v,
        var other => throw new CimDataException($"{ClassName}.{name} is {Describe(other)}, not an unsigned integer"),
    };

    /// <summary>The embedded instance <paramref name="name"/>.</summary>
    public CimObject Embedded(string name) => Properties.GetValueOrDefault(name) switch
    {
        CimObject o => o,
        var other => throw new CimDataException($"{ClassName}.{name} is {Describe(other)}, not an embedded instance"),
    };

    private static string Describe(object? value) => value is null ? "missing" : $"{value.GetType().Name} '{value}'";
}

/// <summary>A CIM instance lacks a property or holds it in an unexpected type.</summary>
public sealed class CimDataException(string message) : Exception(message);
