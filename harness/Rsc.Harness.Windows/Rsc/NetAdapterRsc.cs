using Rsc.Harness.Windows.Cim;

namespace Rsc.Harness.Windows.Rsc;

/// <summary>
/// An adapter's RSC through CIM (namespace ROOT/StandardCimv2, what Get-/Enable-/Disable-NetAdapterRsc
/// and Get-NetAdapterStatistics use): its state per IP version, switching it on or off without a
/// driver restart, and its RSC counters.
/// </summary>
public sealed class NetAdapterRsc(ICimSource cim)
{
    public const string Namespace = "ROOT/StandardCimv2";
    public const string SettingClass = "MSFT_NetAdapterRscSettingData";
    public const string StatisticsClass = "MSFT_NetAdapterStatisticsSettingData";

    /// <summary>The custom operation option behind the cmdlets' -NoRestart.</summary>
    public const string NoRestartOption = "NoRestart";

    /// <summary>The adapter's RSC state, or null when no adapter has that name.</summary>
    public AdapterRscState? State(string adapter)
    {
        if (Setting(adapter) is not { } s)
        {
            return null;
        }
        return new AdapterRscState(
            s.Text("Name") ?? adapter,
            s.Text("InterfaceDescription") ?? "",
            new IpRscState(s.Flag("IPv4Enabled"), s.Flag("IPv4OperationalState"), Reason(s, "IPv4FailureReason")),
            new IpRscState(s.Flag("IPv6Enabled"), s.Flag("IPv6OperationalState"), Reason(s, "IPv6FailureReason")));
    }

    /// <summary>MSFT_NetAdapterRscSettingData.Enable for the IP versions asked, with NoRestart.</summary>
    public void Enable(string adapter, bool ipv4, bool ipv6) => Call(adapter, "Enable", ipv4, ipv6);

    /// <summary>MSFT_NetAdapterRscSettingData.Disable for the IP versions asked, with NoRestart.</summary>
    public void Disable(string adapter, bool ipv4, bool ipv6) => Call(adapter, "Disable", ipv4, ipv6);

    /// <summary>The adapter's RSC counters now; throws <see cref="CimDataException"/> when it has none.</summary>
    public RscCounters Counters(string adapter)
    {
        var statistics = Named(StatisticsClass, adapter)
            ?? throw new CimDataException($"no {StatisticsClass} for adapter '{adapter}'");
        var rsc = statistics.Embedded("RscStatistics");
        return new RscCounters(rsc.Count("CoalescedPackets"), rsc.Count("CoalescedBytes"), rsc.Count("CoalescingEvents"), rsc.Count("CoalescingExceptions"));
    }

    private void Call(string adapter, string method, bool ipv4, bool ipv6)
    {
        var setting = Setting(adapter) ?? throw new CimCallException($"no network adapter named '{adapter}' ({SettingClass})");
        cim.Invoke(Namespace, setting, method,
            new Dictionary<string, bool> { ["IPv4"] = ipv4, ["IPv6"] = ipv6 },
            new Dictionary<string, bool> { [NoRestartOption] = true });
    }

    private CimObject? Setting(string adapter) => Named(SettingClass, adapter);

    private CimObject? Named(string className, string adapter) =>
        cim.Instances(Namespace, className).FirstOrDefault(i => string.Equals(i.Text("Name"), adapter, StringComparison.OrdinalIgnoreCase));

    private static RscFailureReason Reason(CimObject setting, string property)
    {
        ulong value = setting.Count(property);
        return Enum.IsDefined(typeof(RscFailureReason), (int)Math.Min(value, int.MaxValue))
            ? (RscFailureReason)(int)value
            : throw new CimDataException($"{setting.ClassName}.{property} is {value}, not a known failure reason");
    }
}
