using Rsc.Harness.Qemu.Qtest;

namespace Rsc.Harness.Qemu.Tests.Unit;

public sealed class QtestResponseTests
{
    [Test]
    public void PlainOk() => Assert.That(QtestResponse.Parse("OK"), Is.EqualTo(new QtestResponse(true, "")));

    [TestCase("OK 0x1af4", 0x1af4UL)]
    [TestCase("OK 0x0000000000000000", 0UL)]
    [TestCase("OK 0xffffffffffffffff", ulong.MaxValue)]
    [TestCase("OK 42", 42UL)]
    [TestCase("OK 0x1af4\r", 0x1af4UL)]
    public void NumbersAreParsed(string line, ulong expected) =>
        Assert.That(QtestResponse.Parse(line)!.Value.Number(), Is.EqualTo(expected));

    [TestCase("IRQ raise 11")]
    [TestCase("IRQ lower 11")]
    public void InterruptNoticesAreNotAnswers(string line)
    {
        Assert.That(QtestResponse.IsAsynchronous(line), Is.True);
        Assert.That(QtestResponse.Parse(line), Is.Null);
    }

    [TestCase("FAIL Unknown command 'bogus'")]
    [TestCase("ERR invalid argument size")]
    public void FailuresAreNotOk(string line)
    {
        var r = QtestResponse.Parse(line)!.Value;
        Assert.That(r.Ok, Is.False);
        Assert.That(r.Payload, Is.EqualTo(line));
    }

    [Test]
    public void ReadAnswersAreHexBytes() =>
        Assert.That(QtestResponse.Parse("OK 0x00ff1a")!.Value.HexBytes(), Is.EqualTo(new byte[] { 0x00, 0xff, 0x1a }));

    [Test]
    public void B64ReadAnswersAreBase64() =>
        Assert.That(QtestResponse.Parse("OK AP8a")!.Value.Base64Bytes(), Is.EqualTo(new byte[] { 0x00, 0xff, 0x1a }));

    [Test]
    public void GarbageIsAFormatError()
    {
        Assert.Throws<FormatException>(() => QtestResponse.Parse("OK zz")!.Value.Number());
        Assert.Throws<FormatException>(() => QtestResponse.Parse("OK 0x123")!.Value.HexBytes());
        Assert.Throws<FormatException>(() => QtestResponse.Parse("OK ***")!.Value.Base64Bytes());
    }
}
