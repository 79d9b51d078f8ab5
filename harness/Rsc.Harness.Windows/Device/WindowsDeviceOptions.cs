using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Windows.Device;

/// <summary>
/// The settings of <c>--dut windows:adapter=NAME[,switch=NAME,inject=ADAPTER,enable=on,mac=MAC]</c>.
/// </summary>
/// <param name="Adapter">The adapter whose RSC is judged (its name as Get-NetAdapter shows it).</param>
/// <param name="Switch">A Hyper-V virtual switch whose software RSC must be on, when the adapter sits behind one.</param>
/// <param name="Inject">The adapter Npcap sends the cases' frames from, cabled (or switched) to <paramref name="Adapter"/>.</param>
/// <param name="Enable">Switch RSC on (NoRestart) when it is asked for on neither or one IP version.</param>
/// <param name="DestinationMac">Rewrites each frame's destination MAC (the adapter's own) so a NIC that is not promiscuous takes it.</param>
public sealed record WindowsDeviceOptions(string Adapter, string? Switch, string Inject, bool Enable, byte[]? DestinationMac)
{
    public const string Syntax = "windows:adapter=NAME[,switch=NAME,inject=ADAPTER,enable=on|off,mac=AA-BB-CC-DD-EE-FF]";

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason naming <paramref name="spec"/>.</summary>
    public static WindowsDeviceOptions Parse(string spec, string? options)
    {
        string? adapter = null, switchName = null, inject = null;
        bool enable = false;
        byte[]? mac = null;
        foreach (var (key, value) in DeviceOptionList.Parse(spec, options, Syntax))
        {
            switch (key)
            {
                case "adapter":
                    adapter = value;
                    break;
                case "switch":
                    switchName = value;
                    break;
                case "inject":
                    inject = value;
                    break;
                case "enable":
                    enable = value.ToLowerInvariant() switch
                    {
                        "on" => true,
                        "off" => false,
                        _ => throw new ArgumentException($"malformed device '{spec}': enable takes on or off, not '{value}'"),
                    };
                    break;
                case "mac":
                    mac = ParseMac(spec, value);
                    break;
                default:
                    throw new ArgumentException($"malformed device '{spec}': unknown setting '{key}'; expected {Syntax}");
            }
        }
        if (adapter is null)
        {
            throw new ArgumentException($"malformed device '{spec}': adapter=NAME is needed (the adapter whose RSC is judged); expected {Syntax}");
        }
        if (inject is null)
        {
            throw new ArgumentException($"malformed device '{spec}': inject=ADAPTER is needed (the adapter Npcap sends from, linked to '{adapter}'); expected {Syntax}");
        }
        if (string.Equals(inject, adapter, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"malformed device '{spec}': inject must be another adapter than '{adapter}': Npcap bound to the adapter under test switches its RSC off (NDISCompatibility)");
        }
        return new WindowsDeviceOptions(adapter, switchName, inject, enable, mac);
    }

    private static byte[] ParseMac(string spec, string value)
    {
        var parts = value.Split('-', ':');
        var mac = new byte[6];
        if (parts.Length != 6 || !parts.Select((p, i) => byte.TryParse(p, System.Globalization.NumberStyles.HexNumber, null, out mac[i]) && p.Length == 2).All(ok => ok))
        {
            throw new ArgumentException($"malformed device '{spec}': mac must be six hex bytes like 00-15-5D-01-02-03, not '{value}'");
        }
        return mac;
    }
}
