using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>The virtio header of coalesced and single frames (VS, interpretation.md 5).</summary>
public sealed class VirtioHeaderTests
{
    private static TrafficPlan Three(bool v6 = false)
    {
        var t = new TrafficBuilder();
        var f = v6 ? t.FlowV6() : t.FlowV4();
        f.Data(1448);
        f.Data(1448);
        f.Data(600);
        return t.Build();
    }

    private static Judgement Coalesced(Func<VirtioNetHeader, VirtioNetHeader> header, bool v6 = false) =>
        Judge(new Delivery(Three(v6)).Coalesced([0, 1, 2], header: header));

    [Test]
    public void A_coalesced_frame_without_rsc_info_is_wrong()
    {
        Finds(Coalesced(h => h with { Flags = VirtioNetHeaderFlags.NeedsCsum }), OracleRules.RscInfo, [0], [0, 1, 2]);
    }

    [Test]
    public void Rsc_info_on_a_single_frame_is_wrong()
    {
        var header = Delivery.Plain with { Flags = VirtioNetHeaderFlags.RscInfo, CsumStart = 1 };
        var j = Judge(new Delivery(Three()).Coalesced([0, 1]).Unchanged(2, header));
        Finds(j, OracleRules.RscInfoOnSingle, [1], [2]);
    }

    [Test]
    public void A_wrong_segment_count_is_named()
    {
        var f = Finds(Coalesced(h => h with { CsumStart = 2 }), OracleRules.SegmentCount, [0], [0, 1, 2]);
        Assert.That(f.Message, Does.Contain("expected 3").And.Contain("observed 2"));
    }

    [Test]
    public void A_wrong_dup_ack_count_is_named()
    {
        Finds(Coalesced(h => h with { CsumOffset = 1 }), OracleRules.DupAckCount, [0], [0, 1, 2]);
    }

    [Test]
    public void A_wrong_gso_type_is_named()
    {
        Finds(Coalesced(h => h with { GsoType = VirtioGsoType.None }), OracleRules.GsoType, [0], [0, 1, 2]);
        Finds(Coalesced(h => h with { GsoType = VirtioGsoType.TcpV6 }), OracleRules.GsoType, [0], [0, 1, 2]);
        Finds(Coalesced(h => h with { GsoType = VirtioGsoType.TcpV4 }, v6: true), OracleRules.GsoType, [0], [0, 1, 2]);
        Passes(Coalesced(h => h with { GsoType = VirtioGsoType.TcpV4 | VirtioGsoType.Ecn }));
    }

    [Test]
    public void A_gso_type_on_a_single_frame_is_wrong()
    {
        var header = Delivery.Plain with { GsoType = VirtioGsoType.TcpV4, GsoSize = 1448 };
        var j = Judge(new Delivery(Three()).Unchanged(0, header).Unchanged(1, 2));
        Finds(j, OracleRules.GsoType, [0], [0]);
    }

    [Test]
    public void A_coalesced_frame_without_needs_csum_is_wrong()
    {
        Finds(Coalesced(h => h with { Flags = VirtioNetHeaderFlags.RscInfo }), OracleRules.NeedsCsum, [0], [0, 1, 2]);
    }

    [Test]
    public void A_gso_size_of_zero_or_above_the_largest_payload_is_wrong()
    {
        Finds(Coalesced(h => h with { GsoSize = 0 }), OracleRules.GsoSize, [0], [0, 1, 2]);
        Finds(Coalesced(h => h with { GsoSize = 1449 }), OracleRules.GsoSize, [0], [0, 1, 2]);
    }

    [Test]
    public void Data_valid_on_a_frame_with_a_bad_checksum_is_wrong()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1000, s => s with { ChecksumDamage = ChecksumDamage.Tcp });
        f.Data(1000, s => s with { ChecksumDamage = ChecksumDamage.Ip });
        f.Data(1000);
        var plan = t.Build();
        var valid = Delivery.Plain with { Flags = VirtioNetHeaderFlags.DataValid };
        var j = Judge(new Delivery(plan).Unchanged(0, valid).Unchanged(1, valid).Unchanged(2, valid));
        Finds(j, OracleRules.DataValidBadChecksum, [0], [0]);
        Finds(j, OracleRules.DataValidBadChecksum, [1], [1]);
        Assert.That(j.Findings.Count(x => x.Rule == OracleRules.DataValidBadChecksum), Is.EqualTo(2), () => Describe(j));
    }

    [Test]
    public void Data_valid_on_a_coalesced_frame_holding_a_bad_checksum_is_wrong()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1000);
        f.Data(1000, s => s with { ChecksumDamage = ChecksumDamage.Tcp });
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1], header: h => h with { Flags = h.Flags | VirtioNetHeaderFlags.DataValid }));
        Finds(j, OracleRules.DataValidBadChecksum, [0], [0, 1]);
        Finds(j, OracleRules.ExceptionMerged, [0], [1]);
    }

    [Test]
    public void A_unit_of_pure_acks_may_carry_gso_none_or_tcp_with_needs_csum()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Ack += 100;
        f.PureAck();
        f.PureAck();
        f.PureAck();
        var plan = t.Build();
        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2])));
        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2], header: h => h with { GsoType = VirtioGsoType.TcpV4, GsoSize = 0 })));
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], header: h => h with { GsoType = VirtioGsoType.TcpV4, Flags = VirtioNetHeaderFlags.RscInfo }));
        Finds(j, OracleRules.NeedsCsum, [0], [0, 1, 2]);
        j = Judge(new Delivery(plan).Coalesced([0, 1, 2], header: h => h with { GsoType = VirtioGsoType.Udp }));
        Finds(j, OracleRules.GsoType, [0], [0, 1, 2]);
    }
}
