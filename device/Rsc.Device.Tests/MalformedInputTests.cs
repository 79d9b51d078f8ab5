using System.Buffers.Binary;
using CsCheck;
using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>Malformed input never throws, never reads out of bounds, and is bypassed unchanged.</summary>
[TestFixture]
public sealed class MalformedInputTests
{
    private static IEnumerable<TestCaseData> Templates()
    {
        var t = new TrafficBuilder();
        yield return new TestCaseData(t.FlowV4(0).WithTimestamps().Next(40).Let(FrameBuilder.Build)).SetName("IPv4 with timestamps");
        yield return new TestCaseData(t.FlowV6(1).WithTimestamps().Next(40).Let(FrameBuilder.Build)).SetName("IPv6 with timestamps");
        yield return new TestCaseData((t.FlowV6(2).Next(40) with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.Routing)] }).Let(FrameBuilder.Build)).SetName("IPv6 with extension header");
        yield return new TestCaseData((t.FlowV4(3).Next(40) with { Ipv4Options = [1, 1, 1, 1, 1, 1, 1, 0] }).Let(FrameBuilder.Build)).SetName("IPv4 with options");
    }

    [TestCaseSource(nameof(Templates))]
    public void EveryTruncationIsBypassedUnchanged(byte[] template)
    {
        using var rig = new EngineRig();
        for (int length = 0; length < template.Length; length++)
        {
            var truncated = template[..length];
            Assert.DoesNotThrow(() => rig.Send(truncated), $"length {length}");
        }

        Assert.That(rig.Guest.Count, Is.EqualTo(template.Length));
        for (int length = 0; length < template.Length; length++)
        {
            Assert.That(rig.Guest[length].Frame, Is.EqualTo(template[..length]), $"length {length}");
            Assert.That(rig.Guest[length].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.None));
            Assert.That(rig.Guest[length].Header.GsoType, Is.EqualTo(VirtioGsoType.None));
        }
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
        Assert.That(rig.Stats.Aborts, Is.Zero);
    }

    public static IEnumerable<TestCaseData> Manglings()
    {
        yield return Case("IPv4 version 5", 4, f => f[14] = 0x55, RscCounter.BypassMalformedIp);
        yield return Case("IPv6 version 4 under the IPv6 EtherType", 6, f => f[14] = 0x40, RscCounter.BypassMalformedIp);
        yield return Case("IHL 4", 4, f => f[14] = 0x44, RscCounter.BypassMalformedIp);
        yield return Case("IHL 0", 4, f => f[14] = 0x40, RscCounter.BypassMalformedIp);
        yield return Case("IHL 15 beyond total length", 4, f => f[14] = 0x4F, RscCounter.BypassMalformedIp, shorten: 70);
        yield return Case("total length beyond the frame", 4, f => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), (ushort)(f.Length - 14 + 1)), RscCounter.BypassMalformedIp);
        yield return Case("total length below the header", 4, f => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 19), RscCounter.BypassMalformedIp);
        yield return Case("total length leaves no TCP header", 4, f => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 30), RscCounter.BypassMalformedTcp);
        yield return Case("IPv6 payload length beyond the frame", 6, f => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(18), (ushort)(f.Length - 54 + 1)), RscCounter.BypassMalformedIp);
        yield return Case("IPv6 payload length 0", 6, f => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(18), 0), RscCounter.BypassMalformedTcp);
        yield return Case("IPv6 extension header overrunning the payload", 6, f => { f[20] = 0; f[55] = 200; }, RscCounter.BypassMalformedIp);
        yield return Case("TCP data offset 4", 4, f => f[34 + 12] = 0x40, RscCounter.BypassMalformedTcp);
        yield return Case("TCP data offset 0", 6, f => f[54 + 12] = 0x00, RscCounter.BypassMalformedTcp);
        yield return Case("TCP data offset beyond the segment", 4, f => f[34 + 12] = 0xF0, RscCounter.BypassMalformedTcp, shorten: 60);
        yield return Case("TCP option length beyond the header", 4, f => f[34 + 20 + 2 + 1] = 40, RscCounter.BypassMalformedTcp, timestamps: true);
        yield return Case("TCP option length 0", 4, f => f[34 + 20 + 2 + 1] = 0, RscCounter.BypassMalformedTcp, timestamps: true);
        yield return Case("TCP option length 1", 6, f => f[54 + 20 + 2 + 1] = 1, RscCounter.BypassMalformedTcp, timestamps: true);
        yield return Case("TCP option kind without a length byte", 4, f => { f[34 + 20 + 11] = 8; }, RscCounter.BypassMalformedTcp, timestamps: true, lastOptionByte: true);
    }

    private static TestCaseData Case(string name, int ipVersion, Action<byte[]> mangle, RscCounter reason, int shorten = 0, bool timestamps = false, bool lastOptionByte = false)
    {
        var t = new TrafficBuilder();
        var flow = ipVersion == 6 ? t.FlowV6() : t.FlowV4();
        if (timestamps)
        {
            flow.WithTimestamps();
        }
        var spec = flow.Next(100);
        if (lastOptionByte)
        {
            // 10-byte TS then NOP: the 12th option byte is the one a kind without length lands on.
            spec = spec with { Options = [new TimestampOption(1, 2), TcpOption.Nop, TcpOption.Nop] };
        }
        var frame = FrameBuilder.Build(spec);
        if (shorten > 0)
        {
            frame = frame[..shorten];
            int ipLength = frame.Length - 14;
            if (ipVersion == 4)
            {
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), (ushort)ipLength);
            }
        }
        mangle(frame);
        return new TestCaseData(frame, reason).SetName(name);
    }

    [TestCaseSource(nameof(Manglings))]
    public void AMalformedFrameIsBypassedUnchanged(byte[] frame, RscCounter reason)
    {
        using var rig = new EngineRig();

        Assert.DoesNotThrow(() => rig.Send(frame));

        Assert.That(rig.Guest.Count, Is.EqualTo(1));
        Assert.That(rig.Guest[0].Frame, Is.EqualTo(frame));
        Assert.That(rig.Guest[0].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.None));
        Assert.That(rig.Stats[reason], Is.EqualTo(1));
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
    }

    [Test]
    public void MalformedOptionsOnAKnownFlowStillKeepOrder()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow().WithTimestamps();
        var a = flow.Data(100);
        var broken = flow.Data(100).Frame;
        broken[34 + 20 + 2 + 1] = 0;
        rig.Send(a);

        rig.Send(broken);

        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { a.Frame, broken }));
    }

    [Test]
    public void RandomBytesNeverThrowAndComeOutUnchanged()
    {
        var frames = Gen.Select(Gen.Byte.Array[0, 200], Gen.Int[0, 3]).Select((bytes, kind) =>
        {
            // Most random frames get a plausible Ethernet/IP prefix so the parser goes deeper.
            if (bytes.Length >= 15 && kind > 0)
            {
                bool v6 = kind == 2;
                bytes[12] = v6 ? (byte)0x86 : (byte)0x08;
                bytes[13] = v6 ? (byte)0xDD : (byte)0x00;
                bytes[14] = (byte)((v6 ? 0x60 : 0x40) | (bytes[14] & 0x0F));
                if (bytes.Length > 23)
                {
                    bytes[v6 ? 20 : 23] = 6;
                }
            }
            return bytes;
        }).Array[1, 40];

        frames.Sample(batch =>
        {
            using var rig = new EngineRig();
            foreach (var f in batch)
            {
                rig.Send(f);
            }
            rig.Engine.Flush();
            Assert.That(rig.Guest.Count, Is.EqualTo(batch.Length));
            var delivered = rig.Guest.Deliveries.Select(d => Convert.ToHexString(d.Frame)).Order().ToArray();
            var sent = batch.Select(Convert.ToHexString).Order().ToArray();
            Assert.That(delivered, Is.EqualTo(sent));
        }, iter: 2000);
    }

    [Test]
    public void MutatedHeadersNeverThrowAndComeOutUnchanged()
    {
        var templates = Templates().Select(t => (byte[])t.Arguments[0]!).ToArray();
        var mutation = Gen.Select(Gen.Int[0, templates.Length - 1], Gen.Select(Gen.Int[0, 99], Gen.Byte).Array[1, 6]);

        mutation.Array[1, 20].Sample(frames =>
        {
            using var rig = new EngineRig();
            var sent = new List<string>();
            foreach (var (template, edits) in frames)
            {
                var frame = (byte[])templates[template].Clone();
                foreach (var (position, value) in edits)
                {
                    frame[Math.Min(position, frame.Length - 1)] = value;
                }
                sent.Add(Convert.ToHexString(frame));
                rig.Send(frame);
            }
            rig.Engine.Flush();
            Assert.That(rig.Guest.Deliveries.Select(d => Convert.ToHexString(d.Frame)), Is.EquivalentTo(sent));
        }, iter: 2000);
    }

    [Test]
    public void TheSameBufferReusedForEveryFrameIsNeverRetained()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var buffer = new byte[2000];
        var expected = new List<byte>();
        for (int i = 0; i < 5; i++)
        {
            var frame = flow.Data(100).Frame;
            expected.AddRange(Frames.PayloadOf(frame));
            Array.Clear(buffer);
            frame.CopyTo(buffer, 0);
            rig.Engine.Receive(buffer.AsSpan(0, frame.Length));
        }
        Array.Fill(buffer, (byte)0xEE);
        rig.Engine.Flush();

        Assert.That(rig.Guest[0].Packet.Payload.ToArray(), Is.EqualTo(expected.ToArray()));
        Assert.That(rig.Guest[0].Packet.TcpChecksumValid, Is.True);
    }
}
