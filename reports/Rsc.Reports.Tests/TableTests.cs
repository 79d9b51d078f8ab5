using Rsc.Harness.Core;
using Rsc.Harness.Oracle;

namespace Rsc.Reports.Tests;

public sealed class TableTests
{
    [Test]
    public void Columns_are_aligned()
    {
        var text = new TextTable("ID", "OUTCOME", "NOTE").Add("RSC-A-1", "Pass", "").Add("RSC-LONGER-22", "NonStrict", "x").Render();

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0].IndexOf("OUTCOME", StringComparison.Ordinal), Is.EqualTo(15));
            Assert.That(lines[1].IndexOf("Pass", StringComparison.Ordinal), Is.EqualTo(15));
            Assert.That(lines[2].IndexOf("NonStrict", StringComparison.Ordinal), Is.EqualTo(15));
            Assert.That(lines[1], Does.Not.EndWith(" "));
        });
    }

    [Test]
    public void Summary_shows_the_decisive_finding_and_totals()
    {
        var cases = new[]
        {
            Samples.Case("RSC-A-001", Outcome.Pass),
            Samples.Case("RSC-A-002", Outcome.Fail, Samples.Finding("R.info", Severity.Info), Samples.Finding("IPH.psh-or")),
            Samples.Case("RSC-A-003", Outcome.Error),
        };

        var text = SummaryTable.Render(cases);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("IPH.psh-or: IPH.psh-or was broken"));
            Assert.That(text, Does.Contain("device failed: boom"));
            Assert.That(text, Does.Contain("3 cases: 1 pass, 0 non-strict, 1 fail, 0 info, 1 error"));
            Assert.That(text.Split('\n')[0], Does.StartWith("ID"));
        });
    }

    [TestCase(4.0, "4.0 ms")]
    [TestCase(123.4, "123 ms")]
    [TestCase(12_345.0, "12.3 s")]
    public void Durations_read_naturally(double ms, string expected) =>
        Assert.That(SummaryTable.FormatDuration(ms), Is.EqualTo(expected));
}
