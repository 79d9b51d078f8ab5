using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Live.Exec;

/// <summary>
/// Devices that honour the external-device contract (<c>--dut exec:"COMMAND"</c>): per case the
/// harness creates a TAP and a guest socket, launches COMMAND with <c>RSC_TAP</c>,
/// <c>RSC_GUEST_SOCKET</c> and <c>RSC_INTERVAL_NS</c>, injects into the TAP and reads guest frames
/// from the socket. <c>reference-tap</c> is this same contract around the built-in daemon.
/// </summary>
public sealed class ExecDeviceFactory : IDeviceFactory
{
    public const string Kind = "exec";

    public const string Syntax = "exec:\"COMMAND\"";
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    public ExecDeviceFactory(string name, string command, string kind = Kind, string version = "external", DeviceCapabilities? capabilities = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        Name = name;
        Command = command;
        DeviceKind = kind;
        Version = version;
        Capabilities = capabilities ?? ExternalDeviceProfile.Default;
    }

    public string Name { get; }

    public string Command { get; }

    public string DeviceKind { get; }

    public string Version { get; }

    public DeviceCapabilities Capabilities { get; }

    /// <summary>How long the device gets to connect to the guest socket and attach to the TAP.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>Parses the text after <c>exec:</c>: the command, optionally in double quotes.</summary>
    [SupportedOSPlatform("linux")]
    public static ExecDeviceFactory Parse(string spec, string? options)
    {
        var command = (options ?? "").Trim();
        if (command.Length >= 2 && command[0] == '"' && command[^1] == '"')
        {
            command = command[1..^1].Trim();
        }
        if (command.Length == 0)
        {
            throw new ArgumentException($"malformed device '{spec}': exec needs a command, e.g. exec:\"./my-device --flag\"");
        }
        return new ExecDeviceFactory(spec, command);
    }

    [SupportedOSPlatform("linux")]
    public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        LiveEnvironment.EnsureAvailable();
        _ = LiveNames.SweepOnce();
        return Task.Run(() => (IDeviceUnderTest)ExecDevice.Start(this, configuration, cancellationToken), cancellationToken);
    }

    internal DeviceInfo InfoFor(DeviceConfiguration configuration, string tap, string socket) => new(
        Name,
        DeviceKind,
        Version,
        Core.Capture.TimingMode.Real,
        Capabilities,
        new Dictionary<string, string>
        {
            ["command"] = Command,
            ["interval-ns"] = configuration.DrainIntervalNs.ToString(CultureInfo.InvariantCulture),
            ["tap"] = tap,
            ["guest-socket"] = socket,
        });
}
