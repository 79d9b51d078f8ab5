using System.Globalization;
using Microsoft.Playwright;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Reports.Html.Site;
using Rsc.Reports.Html.Tests.Support;

namespace Rsc.Reports.Html.Tests;

/// <summary>The report as a person sees it: opened from file:// in headless Chromium, read off the rendered page.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SiteInBrowserTests
{
    private Browser _browser = null!;

    private static string Index => Path.Combine(ReportFixture.ReportFolder, "index.html");

    /// <summary>The runs in the order the report's columns show them.</summary>
    private static string[] RunFolders => [ReportFixture.ReferenceRun, ReportFixture.FaultedRun, ReportFixture.InterruptedRun, ReportFixture.LegacyRun];

    [OneTimeSetUp]
    public async Task Start() => _browser = await Browser.StartAsync();

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Test]
    public async Task The_runs_table_shows_each_runs_counts()
    {
        var page = await _browser.OpenAsync(Index);
        for (int i = 0; i < RunFolders.Length; i++)
        {
            var doc = ReportFixture.Results(RunFolders[i]);
            var row = page.Locator($"#runs tr[data-run=\"{i + 1}\"]");
            foreach (var outcome in Enum.GetValues<Outcome>())
            {
                var shown = await row.Locator($"td[data-count=\"{outcome}\"]").InnerTextAsync();
                Assert.That(shown, Is.EqualTo(doc.Cases.Count(c => c.Outcome == outcome).ToString(CultureInfo.InvariantCulture)), $"{doc.Dut.Name} {outcome}");
            }
            Assert.That(await row.Locator("td[data-count=\"NotJudged\"]").InnerTextAsync(), Is.EqualTo(doc.NotJudged().Count.ToString(CultureInfo.InvariantCulture)));
        }
        var faulted = ReportFixture.Results(ReportFixture.FaultedRun);
        Assert.That(faulted.Summary.Fail, Is.GreaterThan(0), "the faulted run must fail cases for this test to mean anything");
        var fails = await page.Locator("#matrix td[data-outcome=\"Fail\"]").CountAsync();
        Assert.That(fails, Is.EqualTo(RunFolders.Sum(f => ReportFixture.Results(f).Cases.Count(c => c.Outcome == Outcome.Fail))));
    }

    [Test]
    public async Task An_interrupted_run_is_marked_and_its_unjudged_cases_say_so()
    {
        var page = await _browser.OpenAsync(Index);
        var doc = ReportFixture.Results(ReportFixture.InterruptedRun);
        Assert.That(doc.Complete, Is.False);
        var banner = page.Locator(".incomplete");
        Assert.That(await banner.CountAsync(), Is.EqualTo(1), "only the interrupted run is incomplete");
        Assert.That(await banner.IsVisibleAsync(), Is.True);
        var text = await banner.InnerTextAsync();
        Assert.That(text, Does.Contain("Interrupted").And.Contain($"{doc.Cases.Count} of {doc.Planned} planned"));
        Assert.That(await page.Locator("#matrix td[data-outcome=\"NotJudged\"]").CountAsync(), Is.EqualTo(doc.NotJudged().Count));
    }

    [Test]
    public async Task The_outcome_filter_keeps_only_rows_with_that_outcome()
    {
        var page = await _browser.OpenAsync(Index);
        foreach (var box in await page.Locator("input[name=f-outcome]").AllAsync())
        {
            if (await box.GetAttributeAsync("value") != "Fail")
            {
                await box.UncheckAsync();
            }
        }
        var expected = CaseIdsWhere(c => c.Outcome == Outcome.Fail);
        var visible = await VisibleCaseIds(page);
        Assert.That(visible, Is.EquivalentTo(expected));
        Assert.That(await page.Locator("#f-shown").InnerTextAsync(), Is.EqualTo(expected.Count.ToString(CultureInfo.InvariantCulture)));
        Assert.That(page.Url, Does.EndWith("#outcome=Fail"), "the filter is kept in the address, so the view can be linked");
    }

    [Test]
    public async Task The_text_and_section_filters_narrow_the_rows()
    {
        var page = await _browser.OpenAsync(Index);
        await page.Locator("#f-text").FillAsync("psh-or");
        Assert.That(await VisibleCaseIds(page), Is.EquivalentTo(CaseIdsWhere(c => c.Findings.Any(f => f.Rule.Contains("psh-or", StringComparison.Ordinal)))));

        await page.Locator("#f-text").FillAsync("");
        await page.Locator("#f-section").SelectOptionAsync("TIMER");
        var timer = await VisibleCaseIds(page);
        Assert.That(timer, Is.Not.Empty);
        Assert.That(timer, Is.EquivalentTo(SampleRuns.Section("TIMER").Select(c => c.Id)));
    }

    [Test]
    public async Task A_filter_in_the_address_is_applied_on_opening()
    {
        var page = await _browser.OpenAsync(Index, "#outcome=NotJudged");
        var doc = ReportFixture.Results(ReportFixture.InterruptedRun);
        Assert.That(await VisibleCaseIds(page), Is.EquivalentTo(doc.NotJudged()));
    }

    [Test]
    public async Task A_case_page_shows_its_findings_by_rule_its_picture_and_its_frames()
    {
        var doc = ReportFixture.Results(ReportFixture.FaultedRun);
        var entry = doc.Cases.Single(c => c.Id == "RSC-FLAG-001");
        Assert.That(entry.Outcome, Is.EqualTo(Outcome.Fail));
        var page = await _browser.OpenAsync(CasePagePath(2, entry.Id));

        Assert.That(await page.Locator("#outcome").InnerTextAsync(), Is.EqualTo(entry.Outcome.ToString()));
        foreach (var rule in entry.Findings.Select(f => f.Rule).Distinct())
        {
            var section = page.Locator($"#findings section[data-rule=\"{rule}\"]");
            Assert.That(await section.CountAsync(), Is.EqualTo(1), rule);
            Assert.That(await section.Locator(".finding").CountAsync(), Is.EqualTo(entry.Findings.Count(f => f.Rule == rule)), rule);
        }
        var picture = page.Locator("img.chart").First;
        Assert.That(await picture.IsVisibleAsync(), Is.True);
        Assert.That(await picture.EvaluateAsync<int>("img => img.naturalWidth"), Is.GreaterThan(100), "the timeline picture decodes");
        Assert.That(await page.Locator("#sent tbody tr").CountAsync(), Is.EqualTo(entry.SentFrames));
        Assert.That(await page.Locator("#guest tbody tr").CountAsync(), Is.EqualTo(entry.GuestFrames));
        Assert.That(await page.Locator("#guest tbody tr.coalesced").CountAsync(), Is.EqualTo(entry.CoalescedFrames));
        var pcap = page.Locator("#artifacts a", new() { HasText = "sent.pcap" });
        var href = await pcap.GetAttributeAsync("href");
        Assert.That(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(CasePagePath(2, entry.Id))!, Uri.UnescapeDataString(href!)))), Is.True, href);
    }

    [Test]
    public async Task A_timer_case_page_has_its_segments_against_the_interval_picture()
    {
        var page = await _browser.OpenAsync(CasePagePath(1, "RSC-TIMER-001"));
        var titles = await page.Locator("img.chart").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.alt)");
        Assert.That(titles, Has.Some.StartsWith("Segments per frame against the drain interval"));
    }

    [Test]
    public async Task A_case_of_a_run_without_timelines_falls_back_to_the_wire_log()
    {
        var page = await _browser.OpenAsync(CasePagePath(4, "RSC-FLAG-001"));
        Assert.That(await page.Locator("#no-timeline").InnerTextAsync(), Does.Contain("No timeline recorded"));
        Assert.That(await page.Locator("#wire-log").InnerTextAsync(), Does.Contain("RSC-FLAG-001"));
        var doc = ReportFixture.Results(ReportFixture.LegacyRun);
        Assert.That(await page.Locator("#guest tbody tr").CountAsync(), Is.EqualTo(doc.Cases.Single(c => c.Id == "RSC-FLAG-001").GuestFrames), "guest frames from guest.jsonl");
    }

    [Test]
    public async Task The_by_rule_page_lists_the_devices_that_broke_a_rule_with_their_counts()
    {
        var page = await _browser.OpenAsync(Path.Combine(ReportFixture.ReportFolder, "rules.html"));
        var broken = page.Locator("section.rule[data-kind=broken]");
        var shownRules = await broken.EvaluateAllAsync<string[]>("s => s.map(x => x.getAttribute('data-rule'))");
        var expectedRules = RunFolders.SelectMany(f => ReportFixture.Results(f).Cases).SelectMany(c => c.Findings)
            .Where(IsBreak).Select(f => f.Rule).Distinct().ToList();
        Assert.That(shownRules, Is.EquivalentTo(expectedRules));

        var headings = ReportModel.Headings([.. RunFolders.Select(ReportFixture.Results)]);
        var faulted = ReportFixture.Results(ReportFixture.FaultedRun);
        foreach (var rule in new[] { "R.psh-or", "IPH.ttl-minimum", "VS.gso-size" })
        {
            int cases = faulted.Cases.Count(c => c.Findings.Any(f => f.Rule == rule && IsBreak(f)));
            Assert.That(cases, Is.GreaterThan(0), rule);
            var row = page.Locator($"section.rule[data-kind=broken][data-rule=\"{rule}\"] tr[data-device=\"{headings[1]}\"]");
            Assert.That(await row.Locator("td[data-cases]").InnerTextAsync(), Is.EqualTo(cases.ToString(CultureInfo.InvariantCulture)), rule);
        }
        Assert.That(headings[0], Is.EqualTo("reference (run 1)"), "two runs of one device are told apart");
        Assert.That(await page.Locator("section.rule[data-kind=broken] tr[data-device]").CountAsync(), Is.GreaterThan(0));
        Assert.That(await page.Locator($"section.rule[data-kind=broken] tr[data-device=\"{headings[0]}\"]").CountAsync(), Is.Zero, "the clean device breaks nothing");

        await page.Locator("section.rule[data-kind=broken][data-rule=\"R.psh-or\"] tr a").First.ClickAsync();
        Assert.That(await page.Locator("#rule-R\\.psh-or").CountAsync(), Is.EqualTo(1), "the first example opens at the rule's findings");
    }

    [Test]
    public async Task A_rules_section_opens_at_its_anchor_in_the_rules_document_the_report_carries()
    {
        var page = await _browser.OpenAsync(Path.Combine(ReportFixture.ReportFolder, "rules.html"));
        var link = page.Locator("section.rule[data-kind=broken][data-rule=\"IPH.ttl-minimum\"] h3 a");
        Assert.That(await link.GetAttributeAsync("href"), Is.EqualTo("rules-document.html#iph"));
        await link.ClickAsync();
        Assert.That(page.Url, Does.EndWith("rules-document.html#iph"));
        Assert.That(await page.Locator("a#iph").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("h2", new() { HasText = "IPH" }).First.IsVisibleAsync(), Is.True);
    }

    [Test]
    public async Task The_kill_matrix_shows_the_cells_that_caught_a_fault()
    {
        var matrix = KillMatrix.KillMatrixJson.ReadFile(Path.Combine(ReportFixture.FaultsFolder, KillMatrix.KillMatrixJson.FileName));
        var page = await _browser.OpenAsync(Path.Combine(ReportFixture.ReportFolder, KillMatrixPage.FileName(0)));
        Assert.That(await page.Locator("#matrix thead th[data-fault]").CountAsync(), Is.EqualTo(matrix.Devices.Count));
        Assert.That(await page.Locator("#matrix td[data-caught]").CountAsync(), Is.EqualTo(matrix.Devices.Sum(d => d.Fault is null ? 0 : d.KillingCases.Count)));
        Assert.That(await page.Locator("#matrix tbody tr").CountAsync(), Is.EqualTo(matrix.Cases.Count));
    }

    [Test]
    public async Task Screenshots_of_the_matrix_and_a_case_page()
    {
        var folder = Environment.GetEnvironmentVariable("RSC_SCREENSHOTS") ?? Path.Combine(ReportFixture.Root, "screenshots");
        Directory.CreateDirectory(folder);
        var index = await _browser.OpenAsync(Index);
        var matrix = Path.Combine(folder, "report-matrix.png");
        await index.ScreenshotAsync(new() { Path = matrix });
        var casePage = await _browser.OpenAsync(CasePagePath(2, "RSC-FLAG-001"));
        var casePng = Path.Combine(folder, "report-case.png");
        await casePage.ScreenshotAsync(new() { Path = casePng, FullPage = true });
        Assert.That(new FileInfo(matrix).Length, Is.GreaterThan(10_000));
        Assert.That(new FileInfo(casePng).Length, Is.GreaterThan(10_000));
    }

    private static bool IsBreak(FindingEntry f) => f.Excuse is null && f.Severity is Severity.Fail or Severity.NonStrict;

    private static string CasePagePath(int column, string caseId)
    {
        var folder = Directory.GetDirectories(Path.Combine(ReportFixture.ReportFolder, "cases"), $"{column}-*").Single();
        return Path.Combine(folder, caseId + ".html");
    }

    private static List<string> CaseIdsWhere(Func<CaseEntry, bool> predicate) =>
        [.. RunFolders.SelectMany(f => ReportFixture.Results(f).Cases).Where(predicate).Select(c => c.Id).Distinct()];

    private static async Task<List<string>> VisibleCaseIds(IPage page)
    {
        var ids = await page.Locator("#matrix tbody tr:not([hidden])").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-case'))");
        return [.. ids];
    }
}
