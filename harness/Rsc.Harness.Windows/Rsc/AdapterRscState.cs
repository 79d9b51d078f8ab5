namespace Rsc.Harness.Windows.Rsc;

/// <summary>RSC for one IP version of an adapter, as Get-NetAdapterRsc shows it.</summary>
/// <param name="Enabled">IPv4Enabled / IPv6Enabled: RSC is asked for.</param>
/// <param name="Operational">IPv4OperationalState / IPv6OperationalState: RSC is really running.</param>
/// <param name="FailureReason">Why it is not running, when it is not.</param>
public sealed record IpRscState(bool Enabled, bool Operational, RscFailureReason FailureReason);

/// <summary>MSFT_NetAdapterRscSettingData of one adapter.</summary>
public sealed record AdapterRscState(string Adapter, string Description, IpRscState IPv4, IpRscState IPv6);
