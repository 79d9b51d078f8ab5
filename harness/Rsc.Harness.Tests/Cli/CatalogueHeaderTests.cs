using Rsc.Harness.Tests.Doubles;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.Cli;

/// <summary>results.json's `catalogue`: the hash of the catalogue the run drew from, at its settings.</summary>
public sealed class CatalogueHeaderTests
{
    [Test]
    public void A_run_of_the_whole_catalogue_records_the_hash_its_judged_cases_add_up_to()
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();

        Assert.That(cli.Run("run", "--out", dir.Path, "--spacing-us", "250", "--interval-us", "700"), Is.Zero, cli.Error);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        var judged = CatalogueFingerprint.Combine(doc.Cases.Select(c => (c.Id, c.Fingerprint!)));
        Assert.Multiple(() =>
        {
            Assert.That(doc.Catalogue, Is.EqualTo(CatalogueFingerprint.Compute(SampleCases.Catalogue, 250_000, 700_000)));
            Assert.That(doc.Catalogue?.Cases, Is.EqualTo(SampleCases.Catalogue.Count));
            Assert.That(doc.Catalogue?.Sha256, Is.EqualTo(judged));
        });
    }

    [Test]
    public void The_hash_follows_the_settings_and_a_partial_run_records_the_whole_catalogue()
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();

        Assert.That(cli.Run("run", "--case", "RSC-MERGE-001", "--out", dir["a"]), Is.Zero, cli.Error);
        Assert.That(cli.Run("run", "--case", "RSC-MERGE-001", "--out", dir["b"], "--spacing-us", "50"), Is.Zero, cli.Error);

        var a = ResultsJson.ReadFile(dir["a/results.json"]).Catalogue;
        var b = ResultsJson.ReadFile(dir["b/results.json"]).Catalogue;
        Assert.Multiple(() =>
        {
            Assert.That(a?.Cases, Is.EqualTo(SampleCases.Catalogue.Count));
            Assert.That(a?.Scheme, Is.EqualTo(CatalogueFingerprint.Scheme));
            Assert.That(CatalogueFingerprint.IsSha256Hex(a?.Sha256), Is.True);
            Assert.That(b?.Sha256, Is.Not.EqualTo(a?.Sha256));
        });
    }

    [Test]
    public void Repro_with_out_records_it_too()
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();

        Assert.That(cli.Run("repro", "RSC-FLAG-001", "--out", dir.Path), Is.Zero, cli.Error);

        var options = new Harness.Running.RunOptions();
        Assert.That(ResultsJson.ReadFile(dir["results.json"]).Catalogue,
            Is.EqualTo(CatalogueFingerprint.Compute(SampleCases.Catalogue, options.SpacingNs, options.DrainIntervalNs)));
    }

    [Test]
    public void A_case_that_cannot_build_its_traffic_leaves_the_hash_unrecorded_and_is_an_error_of_the_run()
    {
        using var dir = new TempFolder();
        var broken = SampleCases.Case("RSC-MERGE-009", build: _ => throw new InvalidOperationException("no traffic at this timing"));
        var cli = new CliHarness { Cases = [.. SampleCases.Catalogue, broken] };

        int code = cli.Run("run", "--out", dir.Path);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(doc.Catalogue, Is.Null);
            Assert.That(doc.Cases.Single(c => c.Id == "RSC-MERGE-009").Outcome, Is.EqualTo(Core.Outcome.Error));
        });
    }
}
