namespace Rsc.Harness.Tests.Cli;

/// <summary>`rsc ci check-trx` end to end: TRX files a test run would leave, one with a skipped test.</summary>
public sealed class CiCommandTests
{
    private const string Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private static string Trx(params (string Name, string Outcome)[] results)
    {
        var definitions = string.Concat(results.Select((r, i) =>
            $"<UnitTest name=\"{r.Name}\" id=\"t{i}\"><TestMethod className=\"Live.TapTests\" name=\"{r.Name}\" /></UnitTest>"));
        var rows = string.Concat(results.Select((r, i) =>
            $"<UnitTestResult testId=\"t{i}\" testName=\"{r.Name}\" outcome=\"{r.Outcome}\">"
            + (r.Outcome == "NotExecuted" ? "<Output><ErrorInfo><Message>needs root</Message></ErrorInfo></Output>" : "")
            + "</UnitTestResult>"));
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><TestRun xmlns=\"{Ns}\"><Results>{rows}</Results><TestDefinitions>{definitions}</TestDefinitions></TestRun>";
    }

    [Test]
    public void Every_test_ran_in_enough_files()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir["results"]);
        File.WriteAllText(dir["results/a.trx"], Trx(("Sends", "Passed"), ("Receives", "Failed")));
        File.WriteAllText(dir["results/b.trx"], Trx(("Coalesces", "Passed")));

        var r = new ReferenceCli().Run("ci", "check-trx", dir["results"], "--min-files", "2");

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.Zero, r.ToString());
            Assert.That(r.Out, Is.EqualTo("rsc: 3 test(s) in 2 TRX file(s), every one ran\n"));
        });
    }

    [Test]
    public void A_skipped_test_or_too_few_files_fail_and_are_named()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir["a.trx"], Trx(("Sends", "Passed"), ("NeedsRoot", "NotExecuted")));

        var r = new ReferenceCli().Run("ci", "check-trx", dir["a.trx"], "--min-files", "2");

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
            Assert.That(r.Error, Does.Contain("1 TRX file(s) found").And.Contain("2 expected"));
            Assert.That(r.Error, Does.Contain("NotExecuted: Live.TapTests.NeedsRoot (needs root) in a.trx"));
        });
    }

    [Test]
    public void A_path_that_does_not_exist_is_one_line_and_exit_2()
    {
        using var dir = new TempFolder();

        var r = new ReferenceCli().Run("ci", "check-trx", dir["nowhere"]);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
            Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(r.Error, Does.Contain(dir["nowhere"]));
        });
    }

    [TestCase(new[] { "ci", "check-trx" }, "rsc: 'rsc ci check-trx' needs one or more TRX files or folders; see 'rsc help ci check-trx'\n")]
    [TestCase(new[] { "ci", "check-trx", "x", "--min-files", "0" }, "rsc: --min-files must be an integer of at least 1, not '0'\n")]
    [TestCase(new[] { "ci", "chek-trx" }, "rsc: unknown command 'chek-trx' for 'rsc ci' (did you mean 'check-trx'?); see 'rsc help ci'\n")]
    public void Mistakes_are_one_line_and_exit_2(string[] args, string message)
    {
        var r = new ReferenceCli().Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Error, Is.EqualTo(message));
        });
    }
}
