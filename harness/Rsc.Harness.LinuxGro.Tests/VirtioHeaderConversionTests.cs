using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.LinuxGro;
using Rsc.Harness.Oracle.Rules;
using Rsc.Harness.Oracle;

namespace Rsc.Harness.LinuxGro.Tests;

[TestFixture]
public sealed class VirtioHeaderConversionTests
{
    [Test]
    public void LinuxHeaderOfAMergedPacketIsKeptAsReported()
    {
        // flags NEEDS_CSUM, gso TCPV4, hdr_len 66, gso_size 1448, csum_start 34, csum_offset 16 (little-endian).
        byte[] linux = [0x01, 0x01, 66, 0, 0xA8, 0x05, 34, 0, 16, 0];
        var header = LinuxGroDevice.ToVirtioHeader(linux);
        Assert.Multiple(() =>
        {
            Assert.That(header.Flags, Is.EqualTo(VirtioNetHeaderFlags.NeedsCsum));
            Assert.That(header.GsoType, Is.EqualTo(VirtioGsoType.TcpV4));
            Assert.That(header.HeaderLength, Is.EqualTo(66));
            Assert.That(header.GsoSize, Is.EqualTo(1448));
            Assert.That(header.CsumStart, Is.EqualTo(34), "the real checksum start, not a segment count");
            Assert.That(header.CsumOffset, Is.EqualTo(16));
            Assert.That(header.NumBuffers, Is.Zero);
            Assert.That(header.HasRscInfo, Is.False);
            Assert.That(header.RscSegments, Is.Null);
        });
    }

    [Test]
    public void LinuxHeaderOfASingleVerifiedPacketIsDataValid()
    {
        byte[] linux = [0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var header = LinuxGroDevice.ToVirtioHeader(linux);
        Assert.That(header, Is.EqualTo(new VirtioNetHeader(VirtioNetHeaderFlags.DataValid, VirtioGsoType.None, 0, 0, 0, 0, 0)));
    }

    [Test]
    public void ProfileExcusesOnlyWhatGroDoesByDesign()
    {
        var gro = LinuxGroCapabilities.Profile;
        Assert.Multiple(() =>
        {
            Assert.That(gro.Excuses.Select(e => e.Rule), Is.EquivalentTo(new[]
            {
                OracleRules.RscInfo, ExpectationRules.RscCounts,
                BehaviourRules.DupAckCoalesced, BehaviourRules.WindowUpdateAbsorbed, BehaviourRules.TimestampCoalescing,
                OracleRules.OptionsMerged, OracleRules.TcpOptions, OracleRules.FinMerged,
                BehaviourRules.ContinueAfterPsh, BehaviourRules.ContinueAfterShort, BehaviourRules.MergeAcrossAckWindow,
                BehaviourRules.MergeAcrossTtl, BehaviourRules.MergeAnyIpId, BehaviourRules.FlowCapacity, BehaviourRules.Ipv6MaxPayload,
                ExpectationRules.Statistics, BehaviourRules.DrainTimer, OracleRules.Latency,
            }));
            Assert.That(gro.ExcuseFor(BehaviourRules.Ipv6Coalescing), Is.Null, "GRO coalesces IPv6");
            Assert.That(gro.ExcuseFor(BehaviourRules.FlowCapacity)!.Behaviour, Does.Contain("64"));
            Assert.That(gro.ExcuseFor(OracleRules.FinMerged)!.Citation, Does.Contain("tcp_gro_receive"));
        });
    }
}
