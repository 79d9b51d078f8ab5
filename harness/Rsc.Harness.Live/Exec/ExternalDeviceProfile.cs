using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Live.Exec;

/// <summary>What every device behind the external-device contract is excused from, whatever it is.</summary>
public static class ExternalDeviceProfile
{
    /// <summary>The contract carries frames only: a device behind it cannot be asked for NDIS counters.</summary>
    public static RuleExcuse NoCounters { get; } = new(
        ExpectationRules.Statistics,
        "the external-device contract has no channel for counters, so CoalescedPkts, CoalescedOctets, CoalesceEvents and Aborts cannot be read",
        "README.md, The external-device contract");

    /// <summary>The profile an exec device gets unless its adapter gives a fuller one.</summary>
    public static DeviceCapabilities Default { get; } = DeviceCapabilities.Full.Excusing(NoCounters);
}
