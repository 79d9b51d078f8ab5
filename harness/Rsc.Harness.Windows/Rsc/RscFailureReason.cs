namespace Rsc.Harness.Windows.Rsc;

/// <summary>Why RSC is not operational (MSFT_NetAdapterRscSettingData.IPv4FailureReason / IPv6FailureReason).</summary>
public enum RscFailureReason
{
    NoFailure = 0,
    NicPropertyDisabled = 1,
    WFPCompatibility = 2,
    NDISCompatibility = 3,
    ForwardingEnabled = 4,
    NetOffloadGlobalDisabled = 5,
}

public static class RscFailureReasons
{
    /// <summary>What to do about a failure reason, in a few words.</summary>
    public static string Remedy(RscFailureReason reason) => reason switch
    {
        RscFailureReason.NicPropertyDisabled => "the driver's own RSC property is off (Get-NetAdapterAdvancedProperty)",
        RscFailureReason.WFPCompatibility => "a Windows Filtering Platform callout on the receive path is incompatible with RSC",
        RscFailureReason.NDISCompatibility => "a filter driver bound to the adapter, such as a capture driver (Npcap, Win10Pcap), switches RSC off: unbind it from this adapter and capture elsewhere",
        RscFailureReason.ForwardingEnabled => "IP forwarding is on for the interface (Get-NetIPInterface -Forwarding)",
        RscFailureReason.NetOffloadGlobalDisabled => "RSC is off globally (Set-NetOffloadGlobalSetting -ReceiveSegmentCoalescing Enabled)",
        _ => "no reason recorded",
    };
}
