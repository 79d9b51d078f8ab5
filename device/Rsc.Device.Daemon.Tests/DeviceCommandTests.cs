using Rsc.Cli;

namespace Rsc.Device.Daemon.Tests;

/// <summary>`rsc device` through the command line's front door, without a TAP.</summary>
[TestFixture]
public sealed class DeviceCommandTests
{
    private static (int Code, string Out, string Error) Rsc(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void Help_shows_the_contract_and_the_fault_names()
    {
        var (code, output, error) = Rsc("help", "device");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(error, Is.Empty);
            Assert.That(output, Does.StartWith("usage: rsc device --tap IF --guest-socket PATH [--interval-us N]"));
            foreach (var text in (string[])["RSC_TAP", "RSC_GUEST_SOCKET", "RSC_INTERVAL_NS", "--fault", "--max-flows", "SIGTERM", "gso-size-zero"])
            {
                Assert.That(output, Does.Contain(text));
            }
        });
        Assert.That(Rsc("device", "--help").Out, Is.EqualTo(output));
        Assert.That(Rsc("help").Out, Does.Contain("  device   run the reference device as a daemon"));
    }

    [TestCase(new[] { "device", "--bogus", "1" }, "rsc device: unknown option '--bogus'; see 'rsc help device'\n")]
    [TestCase(new[] { "device", "--tap", "t", "--guest-socket", "/s", "--interval-us", "0" }, "rsc device: --interval-us needs a positive number of microseconds (at most 3600000000), not '0'; see 'rsc help device'\n")]
    public void Bad_options_are_one_line_and_exit_code_2(string[] args, string expected)
    {
        var (code, output, error) = Rsc(args);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.EqualTo(expected));
        });
    }

    [Test]
    public void A_tap_that_does_not_exist_is_one_line_and_exit_code_1()
    {
        var (code, _, error) = Rsc("device", "--tap", "rscdabsent9", "--guest-socket", "/tmp/rscd-absent.sock");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Is.EqualTo("rsc device: tap 'rscdabsent9' does not exist (create it first, persistent and up)\n"));
        });
    }
}
