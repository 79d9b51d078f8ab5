using Rsc.Harness.Qemu.Virtio;

namespace Rsc.Harness.Qemu.Tests.Unit;

public sealed class VirtqueueLayoutTests
{
    [Test]
    public void PartsFollowEachOtherWithTheirAlignment()
    {
        var layout = SplitVirtqueueLayout.At(0x10_0000, 256);
        Assert.Multiple(() =>
        {
            Assert.That(layout.DescriptorTable, Is.EqualTo(0x10_0000UL));
            Assert.That(layout.AvailableRing, Is.EqualTo(0x10_0000UL + (16 * 256)));
            // avail: 2 + 2 + 2*256 + 2 = 518 bytes, used aligned to 4.
            Assert.That(layout.UsedRing, Is.EqualTo(SplitVirtqueueLayout.Align(0x10_0000UL + 4096 + 518, 4)));
            Assert.That(layout.UsedRing % 4, Is.Zero);
            Assert.That(layout.End - layout.UsedRing, Is.EqualTo((ulong)(2 + 2 + (8 * 256) + 2)));
            Assert.That(layout.AvailableIndexAddress, Is.EqualTo(layout.AvailableRing + 2));
            Assert.That(layout.UsedIndexAddress, Is.EqualTo(layout.UsedRing + 2));
        });
    }

    [Test]
    public void RingIndicesWrapModuloTheSize()
    {
        var layout = SplitVirtqueueLayout.At(0x20_0000, 16);
        Assert.Multiple(() =>
        {
            Assert.That(layout.AvailableEntryAddress(0), Is.EqualTo(layout.AvailableRing + 4));
            Assert.That(layout.AvailableEntryAddress(17), Is.EqualTo(layout.AvailableRing + 4 + 2));
            Assert.That(layout.UsedElementAddress(15), Is.EqualTo(layout.UsedRing + 4 + (8 * 15)));
            Assert.That(layout.UsedElementAddress(ushort.MaxValue), Is.EqualTo(layout.UsedRing + 4 + (8 * 15)));
            Assert.That(layout.DescriptorAddress(3), Is.EqualTo(layout.DescriptorTable + 48));
        });
    }

    [Test]
    public void UnalignedBaseIsRoundedUp() =>
        Assert.That(SplitVirtqueueLayout.At(0x10_0001, 8).DescriptorTable, Is.EqualTo(0x10_0010UL));

    [TestCase((ushort)0)]
    [TestCase((ushort)3)]
    [TestCase((ushort)100)]
    public void SizeMustBeAPowerOfTwo(ushort size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitVirtqueueLayout.At(0, size));

    [Test]
    public void DescriptorRoundTrips()
    {
        var d = new VirtqDescriptor(0x1234_5678_9abc, 65792, VirtqDescriptor.FlagWrite | VirtqDescriptor.FlagNext, 7);
        var bytes = new byte[16];
        d.Write(bytes);
        Assert.That(bytes[..8], Is.EqualTo(new byte[] { 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12, 0, 0 }));
        Assert.That(VirtqDescriptor.Read(bytes), Is.EqualTo(d));
    }

    [Test]
    public void GuestMemoryAllocatesAlignedAndRefusesToOverflow()
    {
        var memory = new GuestMemory(0x20_0000);
        ulong a = memory.Allocate(10);
        ulong b = memory.Allocate(100, 4096);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(GuestMemory.DefaultStart));
            Assert.That(b % 4096, Is.Zero);
            Assert.That(b, Is.GreaterThanOrEqualTo(a + 10));
        });
        Assert.Throws<InvalidOperationException>(() => memory.Allocate(0x20_0000));
    }
}
