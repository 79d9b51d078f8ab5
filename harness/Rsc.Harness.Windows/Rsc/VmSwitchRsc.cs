using Rsc.Harness.Windows.Cim;

namespace Rsc.Harness.Windows.Rsc;

/// <summary>
/// A Hyper-V virtual switch's software RSC ("RSC in the vSwitch", Set-VMSwitch -EnableSoftwareRsc)
/// through CIM, namespace root/virtualization/v2: the switch's Msvm_VirtualEthernetSwitchSettingData
/// (ElementName = the switch's name) carries, through Msvm_VirtualEthernetSwitchSettingDataComponent,
/// an Msvm_EthernetSwitchHardwareOffloadSettingData whose SoftwareRscEnabled is the setting
/// (docs/windows.md: where this comes from).
/// </summary>
public sealed class VmSwitchRsc(ICimSource cim)
{
    public const string Namespace = "root/virtualization/v2";
    public const string SwitchSettingClass = "Msvm_VirtualEthernetSwitchSettingData";
    public const string OffloadSettingClass = "Msvm_EthernetSwitchHardwareOffloadSettingData";

    /// <summary>SoftwareRscEnabled of switch <paramref name="switchName"/>; null when there is no such switch.</summary>
    public bool? SoftwareRscEnabled(string switchName)
    {
        var setting = cim.Instances(Namespace, SwitchSettingClass)
            .FirstOrDefault(s => string.Equals(s.Text("ElementName"), switchName, StringComparison.OrdinalIgnoreCase));
        if (setting is null)
        {
            return null;
        }
        var offload = cim.Associators(Namespace, setting, OffloadSettingClass).FirstOrDefault()
            ?? throw new CimDataException($"switch '{switchName}' has no {OffloadSettingClass} (a Hyper-V older than Windows Server 2019 has no software RSC)");
        return offload.Flag("SoftwareRscEnabled");
    }
}
