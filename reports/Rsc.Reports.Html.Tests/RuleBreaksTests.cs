using Rsc.Harness.Oracle;
using Rsc.Reports.Html.Input;
using Rsc.Reports.Html.Site;

namespace Rsc.Reports.Html.Tests;

public sealed class RuleBreaksTests
{
    [Test]
    public void Breaks_count_cases_and_frames_per_device_and_excused_findings_stand_apart()
    {
        var doc = ReportFixture.Results(ReportFixture.FaultedRun);
        // Excuse one rule on one case, as a device profile would.
        var excusedCase = doc.Cases.First(c => c.Findings.Any(f => f.Rule == "IPH.ttl-minimum"));
        var edited = doc with
        {
            Cases = [.. doc.Cases.Select(c => c.Id != excusedCase.Id ? c : c with
            {
                Findings = [.. c.Findings.Select(f => f.Rule == "IPH.ttl-minimum" ? f with { Severity = Severity.Info, Excuse = "keeps the first TTL (cited)" } : f)],
            })],
        };
        var model = new ReportModel([new RunSource(ReportFixture.FaultedRun, edited)]);
        var breaks = RuleBreaks.From(model);

        var gso = breaks.Broken.Single(b => b.RuleId == "VS.gso-size");
        var cases = edited.Cases.Where(c => c.Findings.Any(f => f.Rule == "VS.gso-size" && f.Severity == Severity.Fail)).ToList();
        Assert.That(gso.Devices.Single().Cases, Is.EqualTo(cases.Count));
        Assert.That(gso.Devices.Single().GuestFrames, Is.EqualTo(cases.Sum(c => c.Findings.Where(f => f.Rule == "VS.gso-size").SelectMany(f => f.Frames).Distinct().Count())));
        Assert.That(gso.Devices.Single().FirstCaseId, Is.EqualTo(cases[0].Id));
        Assert.That(gso.Level, Is.EqualTo("MUST"));
        Assert.That(breaks.Broken, Is.Ordered.By(nameof(RuleBreak.Cases)).Descending);

        var ttlBroken = breaks.Broken.SingleOrDefault(b => b.RuleId == "IPH.ttl-minimum");
        int ttlCases = doc.Cases.Count(c => c.Findings.Any(f => f.Rule == "IPH.ttl-minimum"));
        Assert.That(ttlBroken?.Cases ?? 0, Is.EqualTo(ttlCases - 1), "the excused case no longer counts as a break");
        var ttlExcused = breaks.Excused.Single(b => b.RuleId == "IPH.ttl-minimum");
        Assert.That(ttlExcused.Devices.Single().FirstCaseId, Is.EqualTo(excusedCase.Id));
        Assert.That(ttlExcused.Devices.Single().First.Excuse, Does.Contain("cited"));
        Assert.That(breaks.Unbroken.Select(r => r.Id), Does.Not.Contain("VS.gso-size"));
    }
}
