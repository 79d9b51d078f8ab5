namespace Rsc.Harness.Windows.Rsc;

/// <summary>
/// Whether an adapter (and the virtual switch in front of it) is in a state worth judging: RSC
/// asked for and really running for both IP versions. Anything else would make every case "not
/// coalesced" for a reason that is not the device's RSC.
/// </summary>
public static class RscReadiness
{
    /// <summary>Null when ready; otherwise the one-line reason to refuse the run.</summary>
    public static string? Refusal(string adapter, AdapterRscState? state, string? switchName = null, bool? switchSoftwareRsc = null)
    {
        if (state is null)
        {
            return $"no network adapter named '{adapter}' (Get-NetAdapterRsc lists them)";
        }
        foreach (var (version, ip) in new[] { ("IPv4", state.IPv4), ("IPv6", state.IPv6) })
        {
            if (!ip.Enabled)
            {
                return $"RSC is disabled for {version} on '{state.Adapter}' (Enable-NetAdapterRsc -Name '{state.Adapter}', or --dut windows:...,enable=on)";
            }
            if (!ip.Operational)
            {
                return $"RSC is enabled but not operational for {version} on '{state.Adapter}': {ip.FailureReason} ({RscFailureReasons.Remedy(ip.FailureReason)})";
            }
        }
        if (switchName is not null)
        {
            if (switchSoftwareRsc is null)
            {
                return $"no Hyper-V virtual switch named '{switchName}' (Get-VMSwitch lists them)";
            }
            if (switchSoftwareRsc == false)
            {
                return $"software RSC is off on Hyper-V switch '{switchName}' (Set-VMSwitch -Name '{switchName}' -EnableSoftwareRsc $true)";
            }
        }
        return null;
    }
}
