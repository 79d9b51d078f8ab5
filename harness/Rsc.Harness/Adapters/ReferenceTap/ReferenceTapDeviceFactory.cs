using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Adapters.Reference;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live.Exec;

namespace Rsc.Harness.Adapters.ReferenceTap;

/// <summary>
/// <c>--dut reference-tap</c>: exactly <c>exec:</c> of the built-in daemon (<c>rsc device</c>), so the
/// reference engine is judged through a real TAP, a real guest socket and the real clock.
/// </summary>
public static class ReferenceTapDeviceFactory
{
    public const string Kind = "reference-tap";

    /// <summary>Builds the exec factory; options as for <c>reference</c> (fault=, max-flows=) are passed to the daemon.</summary>
    [SupportedOSPlatform("linux")]
    public static ExecDeviceFactory Create(string spec, IReadOnlyList<string> faults, int? maxFlows)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var command = DaemonCommand();
        if (faults.Count > 0)
        {
            command += " --fault " + string.Join('+', faults);
        }
        if (maxFlows is { } n)
        {
            command += " --max-flows " + n.ToString(CultureInfo.InvariantCulture);
        }
        return new ExecDeviceFactory(spec, command, Kind, ReferenceDeviceFactory.EngineVersion);
    }

    /// <summary>The shell command that starts the built-in daemon from this installation.</summary>
    public static string DaemonCommand()
    {
        var dir = AppContext.BaseDirectory;
        var dll = Path.Combine(dir, "rsc.dll");
        if (!File.Exists(dll))
        {
            throw new ArgumentException($"reference-tap needs the rsc command next to the harness ({dll} is missing)");
        }
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return $"exec {Quote(host)} {Quote(dll)} device";
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
