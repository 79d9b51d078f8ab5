namespace Rsc.Device.Daemon.Tests;

[TestFixture]
public sealed class DaemonOptionsTests
{
    private static readonly Dictionary<string, string?> NoVariables = [];

    private static DaemonOptions Parse(string[] args, Dictionary<string, string?>? variables = null)
    {
        var env = variables ?? NoVariables;
        return DaemonOptions.Parse(args, name => env.GetValueOrDefault(name));
    }

    private static string ParseError(string[] args, Dictionary<string, string?>? variables = null) =>
        Assert.Throws<DaemonUsageException>(() => Parse(args, variables))!.Message;

    [Test]
    public void Options_alone_give_tap_socket_and_defaults()
    {
        var o = Parse(["--tap", "tap0", "--guest-socket", "/tmp/g.sock"]);
        Assert.Multiple(() =>
        {
            Assert.That(o.Tap, Is.EqualTo("tap0"));
            Assert.That(o.GuestSocket, Is.EqualTo("/tmp/g.sock"));
            Assert.That(o.IntervalNs, Is.EqualTo(300_000));
            Assert.That(o.Faults, Is.EqualTo(RscFault.None));
            Assert.That(o.MaxFlows, Is.EqualTo(1024));
            Assert.That(o.FaultText(), Is.EqualTo("none"));
            Assert.That(o.EngineOptions().DrainInterval, Is.EqualTo(TimeSpan.FromMicroseconds(300)));
        });
    }

    [Test]
    public void The_environment_fills_in_what_the_options_leave_out()
    {
        var o = Parse([], new() { ["RSC_TAP"] = "tapE", ["RSC_GUEST_SOCKET"] = "/run/e.sock", ["RSC_INTERVAL_NS"] = "50000" });
        Assert.Multiple(() =>
        {
            Assert.That(o.Tap, Is.EqualTo("tapE"));
            Assert.That(o.GuestSocket, Is.EqualTo("/run/e.sock"));
            Assert.That(o.IntervalNs, Is.EqualTo(50_000));
            Assert.That(o.EngineOptions().DrainInterval, Is.EqualTo(TimeSpan.FromMicroseconds(50)));
        });
    }

    [Test]
    public void Options_win_over_the_environment_and_a_bad_variable_they_override_is_not_read()
    {
        var o = Parse(
            ["--tap=tapO", "--guest-socket", "/tmp/o.sock", "--interval-us", "1000"],
            new() { ["RSC_TAP"] = "tapE", ["RSC_GUEST_SOCKET"] = "/run/e.sock", ["RSC_INTERVAL_NS"] = "not-a-number" });
        Assert.Multiple(() =>
        {
            Assert.That(o.Tap, Is.EqualTo("tapO"));
            Assert.That(o.GuestSocket, Is.EqualTo("/tmp/o.sock"));
            Assert.That(o.IntervalNs, Is.EqualTo(1_000_000));
        });
    }

    [Test]
    public void Empty_variables_count_as_absent()
    {
        var o = Parse(["--tap", "t", "--guest-socket", "/s"], new() { ["RSC_INTERVAL_NS"] = "" });
        Assert.That(o.IntervalNs, Is.EqualTo(DaemonOptions.DefaultIntervalNs));
        Assert.That(ParseError(["--guest-socket", "/s"], new() { ["RSC_TAP"] = "" }), Does.Contain("RSC_TAP"));
    }

    [Test]
    public void Decimal_intervals_are_kept_to_the_nanosecond()
    {
        Assert.That(Parse(["--tap", "t", "--guest-socket", "/s", "--interval-us", "62.5"]).IntervalNs, Is.EqualTo(62_500));
        Assert.That(Parse(["--tap", "t", "--guest-socket", "/s", "--interval-us", "0.05"]).EngineOptions().DrainInterval, Is.EqualTo(TimeSpan.FromTicks(1)), "the engine's TimeSpan keeps at least 100 ns");
    }

    [Test]
    public void Faults_join_with_plus_repeat_and_are_case_insensitive()
    {
        var o = Parse(["--tap", "t", "--guest-socket", "/s", "--fault", "psh-from-last+TTL-FROM-LAST", "--fault=gso-size-zero"]);
        Assert.Multiple(() =>
        {
            Assert.That(o.Faults, Is.EqualTo(RscFault.PshFromLast | RscFault.TtlFromLast | RscFault.GsoSizeZero));
            Assert.That(o.FaultText(), Is.EqualTo("psh-from-last+ttl-from-last+gso-size-zero"));
            Assert.That(o.EngineOptions().Faults, Is.EqualTo(o.Faults));
            Assert.That(Parse(["--tap", "t", "--guest-socket", "/s", "--fault", "none"]).Faults, Is.EqualTo(RscFault.None));
        });
    }

    [Test]
    public void An_unknown_fault_lists_the_known_names()
    {
        var message = ParseError(["--tap", "t", "--guest-socket", "/s", "--fault", "psh-from-last+bogus"]);
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain("unknown fault 'bogus'"));
            foreach (var name in RscFaults.Names)
            {
                Assert.That(message, Does.Contain(name));
            }
        });
        Assert.That(ParseError(["--tap", "t", "--guest-socket", "/s", "--fault", "psh-from-last+"]), Does.Contain("unknown fault ''"));
    }

    [Test]
    public void Max_flows_is_a_whole_number_within_the_engine_limit()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse(["--tap", "t", "--guest-socket", "/s", "--max-flows", "16"]).EngineOptions().MaxCachedFlows, Is.EqualTo(16));
            Assert.That(Parse(["--tap", "t", "--guest-socket", "/s", "--max-flows", "0"]).MaxFlows, Is.Zero);
            Assert.That(ParseError(["--tap", "t", "--guest-socket", "/s", "--max-flows", "-1"]), Does.Contain("--max-flows"));
            Assert.That(ParseError(["--tap", "t", "--guest-socket", "/s", "--max-flows", "2000000"]), Does.Contain("--max-flows"));
            Assert.That(ParseError(["--tap", "t", "--guest-socket", "/s", "--max-flows", "many"]), Does.Contain("--max-flows"));
        });
    }

    [TestCase(new[] { "--guest-socket", "/s" }, "no tap")]
    [TestCase(new[] { "--tap", "t" }, "no guest socket")]
    [TestCase(new[] { "--tap", "t", "--guest-socket", "/s", "--bogus", "1" }, "unknown option '--bogus'")]
    [TestCase(new[] { "--tap", "t", "--guest-socket", "/s", "extra" }, "unexpected argument 'extra'")]
    [TestCase(new[] { "--tap", "t", "--guest-socket" }, "--guest-socket needs a value")]
    [TestCase(new[] { "--tap", "t", "--tap", "u", "--guest-socket", "/s" }, "--tap given more than once")]
    [TestCase(new[] { "--tap", "", "--guest-socket", "/s" }, "--tap needs a non-empty value")]
    [TestCase(new[] { "--tap", "much-too-long-name", "--guest-socket", "/s" }, "not an interface name")]
    [TestCase(new[] { "--tap", "a/b", "--guest-socket", "/s" }, "not an interface name")]
    [TestCase(new[] { "--tap", "t", "--guest-socket", "/s", "--interval-us", "0" }, "--interval-us needs a positive number")]
    [TestCase(new[] { "--tap", "t", "--guest-socket", "/s", "--interval-us", "-5" }, "--interval-us needs a positive number")]
    [TestCase(new[] { "--tap", "t", "--guest-socket", "/s", "--interval-us", "NaN" }, "--interval-us needs a positive number")]
    [TestCase(new[] { "--tap", "t", "--guest-socket", "/s", "--interval-us", "0.0001" }, "at least 0.001")]
    public void Bad_arguments_are_usage_errors(string[] args, string expected)
    {
        Assert.That(ParseError(args), Does.Contain(expected));
    }

    [Test]
    public void A_socket_path_too_long_for_sun_path_is_rejected()
    {
        Assert.That(ParseError(["--tap", "t", "--guest-socket", "/" + new string('s', 107)]), Does.Contain("too long"));
        Assert.That(Parse(["--tap", "t", "--guest-socket", "/" + new string('s', 106)]).GuestSocket, Has.Length.EqualTo(107));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("300us")]
    [TestCase("3600000000001")]
    public void A_bad_RSC_INTERVAL_NS_is_a_usage_error(string value)
    {
        Assert.That(ParseError(["--tap", "t", "--guest-socket", "/s"], new() { ["RSC_INTERVAL_NS"] = value }), Does.Contain("RSC_INTERVAL_NS"));
    }
}
