namespace Rsc.Harness.Core.Devices;

/// <summary>
/// A rule a device is excused from, with the behaviour that breaks it and where the implementation
/// itself shows that behaviour (a function and file of its own source, or its documentation). The
/// oracle still judges the rule; a finding on it is recorded as Info with this excuse.
/// </summary>
/// <param name="Rule">An oracle rule id, e.g. "R.continue-after-psh" (see <c>rsc rules</c>).</param>
/// <param name="Behaviour">What the device does instead, in words.</param>
/// <param name="Citation">The implementation's own source, e.g. "tcp_gro_receive, net/ipv4/tcp_offload.c".</param>
public sealed record RuleExcuse(string Rule, string Behaviour, string Citation)
{
    /// <summary>"behaviour (citation)": how the excuse reads beside a finding.</summary>
    public override string ToString() => $"{Behaviour} ({Citation})";
}
