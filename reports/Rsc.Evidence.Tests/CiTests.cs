using Rsc.Evidence.Handlers;

namespace Rsc.Evidence.Tests;

public sealed class CiTests
{
    private const string Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private static string Trx(params (string Name, string Outcome)[] results)
    {
        var defs = string.Join("\n", results.Select((r, i) =>
            $"<UnitTest name=\"{r.Name}\" id=\"id{i}\"><TestMethod className=\"LiveThings\" name=\"{r.Name}\" /></UnitTest>"));
        var rows = string.Join("\n", results.Select((r, i) =>
            $"<UnitTestResult testId=\"id{i}\" testName=\"{r.Name}\" outcome=\"{r.Outcome}\">"
            + (r.Outcome == "NotExecuted" ? "<Output><ErrorInfo><Message>live test: not root</Message></ErrorInfo></Output>" : "")
            + "</UnitTestResult>"));
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><TestRun xmlns=\"{Ns}\"><Results>{rows}</Results><TestDefinitions>{defs}</TestDefinitions></TestRun>";
    }

    private static HandlerOutcome Check(string folder, int minFiles = 1) =>
        HandlerOutcome.Of((o, e) => new TrxCheckHandler(o, e).Run(new TrxCheckOptions([folder], minFiles)));

    [Test]
    public void Every_live_test_ran()
    {
        var dir = TestRuns.TempFolder("trx-ok");
        File.WriteAllText(Path.Combine(dir, "a.trx"), Trx(("Runs", "Passed"), ("AlsoRuns", "Failed")));
        var r = Check(dir);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        Assert.That(r.Out, Does.Contain("2 test(s) in 1 TRX file(s)"));
    }

    [Test]
    public void A_skipped_live_test_fails_and_is_named_with_its_reason()
    {
        var dir = TestRuns.TempFolder("trx-skip");
        File.WriteAllText(Path.Combine(dir, "a.trx"), Trx(("Runs", "Passed"), ("NeedsRoot", "NotExecuted")));
        var r = Check(dir);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Error, Does.Contain("NotExecuted: LiveThings.NeedsRoot (live test: not root)"));
    }

    [Test]
    public void Too_few_files_or_an_empty_run_fails()
    {
        var dir = TestRuns.TempFolder("trx-few");
        File.WriteAllText(Path.Combine(dir, "a.trx"), Trx());
        var r = Check(dir, minFiles: 4);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Error, Does.Contain("1 TRX file(s) found").And.Contain("no test ran"));
    }

    [Test]
    public void A_file_that_is_not_trx_is_one_line_and_exit_2()
    {
        var dir = TestRuns.TempFolder("trx-bad");
        File.WriteAllText(Path.Combine(dir, "a.trx"), "not xml");
        var r = Check(dir);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
    }
}
