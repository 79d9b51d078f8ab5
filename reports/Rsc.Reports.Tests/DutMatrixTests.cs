using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Reports.Matrix;

namespace Rsc.Reports.Tests;

public sealed class DutMatrixTests
{
    private static ResultsDocument Run(string dut, double intervalUs, params (string Id, Outcome Outcome, string? Rule)[] cases) =>
        Samples.Header() with
        {
            Dut = DutEntry.Unknown(dut),
            Settings = new SettingsEntry { SpacingUs = 100, IntervalUs = intervalUs },
            Cases = [.. cases.Select(c => new CaseEntry
            {
                Id = c.Id,
                Title = c.Id,
                Outcome = c.Outcome,
                Findings = c.Rule is null ? [] : [new FindingEntry(c.Rule, c.Outcome == Outcome.Info ? Severity.Info : Severity.Fail, "m", [], [])],
            })],
        };

    [Test]
    public void Cells_name_the_deciding_rule_and_totals_count_outcomes()
    {
        var a = Run("reference", 300, ("RSC-A-001", Outcome.Pass, null), ("RSC-A-002", Outcome.Pass, null));
        var b = Run("linux-gro", 300, ("RSC-A-001", Outcome.Fail, "R.psh-or"), ("RSC-A-002", Outcome.Pass, null), ("RSC-A-003", Outcome.Info, "not-applicable"));
        var table = DutMatrix.RenderMarkdown([a, b], differencesOnly: false);
        Assert.That(table, Does.Contain("| case | reference | linux-gro |"));
        Assert.That(table, Does.Contain("| RSC-A-001 | Pass | Fail (R.psh-or) |"));
        Assert.That(table, Does.Contain("| RSC-A-003 | — | Info (not-applicable) |"));
        Assert.That(table, Does.Contain("| **total** | 2 Pass | 1 Pass, 1 Fail, 1 Info |"));
    }

    [Test]
    public void Differences_only_drops_rows_where_every_run_agrees_and_headings_show_differing_timing()
    {
        var a = Run("qemu", 300, ("RSC-A-001", Outcome.Pass, null), ("RSC-A-002", Outcome.Pass, null));
        var b = Run("qemu", 10000, ("RSC-A-001", Outcome.Pass, null), ("RSC-A-002", Outcome.Error, null));
        var table = DutMatrix.RenderMarkdown([a, b], differencesOnly: true);
        Assert.That(table, Does.Not.Contain("RSC-A-001"));
        Assert.That(table, Does.Contain("| RSC-A-002 | Pass | Error |"));
        Assert.That(table, Does.Contain("qemu (300/100 us)").And.Contain("qemu (10000/100 us)"));
    }
}
