namespace Rsc.Harness.Core.Devices;

/// <summary>
/// The settings after "KIND:" in a --dut spelling, "KEY=VALUE[,KEY=VALUE]": split, trimmed, keys in
/// lower case. Every device with settings reads them through this, so they all spell alike.
/// </summary>
public static class DeviceOptionList
{
    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason naming <paramref name="spec"/> and <paramref name="syntax"/>.</summary>
    /// <param name="spec">The whole spelling, for messages.</param>
    /// <param name="options">The part after the colon; null when there is no colon (a colon with nothing after it is malformed).</param>
    /// <param name="syntax">What the device accepts, for messages.</param>
    /// <param name="repeatable">Keys that may be given more than once; any other key given twice is an error.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string spec, string? options, string syntax, params string[] repeatable)
    {
        var settings = new List<KeyValuePair<string, string>>();
        if (options is null)
        {
            return settings;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = option.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == option.Length - 1)
            {
                throw new ArgumentException($"malformed device '{spec}': '{option}' is not KEY=VALUE; expected {syntax}");
            }
            var key = option[..eq].Trim().ToLowerInvariant();
            if (!seen.Add(key) && Array.IndexOf(repeatable, key) < 0)
            {
                throw new ArgumentException($"malformed device '{spec}': '{key}' is given twice");
            }
            settings.Add(new(key, option[(eq + 1)..].Trim()));
        }
        return settings;
    }
}
