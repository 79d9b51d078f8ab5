using Rsc.Harness.Oracle;
using Rsc.Harness.Tests.Doubles;
using Rsc.Reports;

namespace Rsc.Harness.Tests.Cli;

public sealed class ReproCommandTests
{
    [Test]
    public void Prints_the_whole_story_of_one_case()
    {
        var cli = new CliFixture { Judge = Judges.With(Severity.NonStrict) };

        int code = cli.Run("repro", "rsc-merge-001", "--interval-us", "250");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, cli.Error);
            Assert.That(cli.Out, Does.StartWith("RSC-MERGE-001  sample RSC-MERGE-001\n"));
            Assert.That(cli.Out, Does.Contain("drain interval 250 us"));
            Assert.That(cli.Out, Does.Contain("Traffic: 3 frame(s)"));
            Assert.That(cli.Out, Does.Contain("Guest: 3 frame(s)"));
            Assert.That(cli.Out, Does.Contain("NONSTRICT  IPH.psh-or"));
            Assert.That(cli.Out, Does.Contain("Outcome: NonStrict"));
        });
    }

    [Test]
    public void A_failing_case_exits_1()
    {
        var cli = new CliFixture { Judge = Judges.With(Severity.Fail) };

        Assert.That(cli.Run("repro", "RSC-MERGE-001"), Is.EqualTo(1));
    }

    [Test]
    public void With_out_it_writes_results_and_artifacts()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture();

        Assert.That(cli.Run("repro", "RSC-FLAG-001", "--out", dir.Path), Is.Zero);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(doc.Cases.Single().Id, Is.EqualTo("RSC-FLAG-001"));
            Assert.That(File.ReadAllText(dir["cases/RSC-FLAG-001/wire.log"]), Does.StartWith("RSC-FLAG-001  sample RSC-FLAG-001"));
            Assert.That(File.Exists(dir["cases/RSC-FLAG-001/guest.pcap"]), Is.True);
        });
    }

    [TestCase(new string[0], "rsc: 'rsc repro' needs a case id (see 'rsc list'); see 'rsc help repro'\n")]
    [TestCase(new[] { "RSC-XYZ-1" }, "rsc: unknown case 'RSC-XYZ-1'; see 'rsc list'\n")]
    [TestCase(new[] { "RSC-FLAG-001", "RSC-MERGE-001" }, "rsc: unexpected argument 'RSC-MERGE-001' for 'rsc repro'; see 'rsc help repro'\n")]
    public void Needs_exactly_one_known_case(string[] args, string message)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(["repro", .. args]), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo(message));
        });
    }
}
