using Rsc.Harness.Cases;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Evidence.Tests;

/// <summary>What results.json now records about the run's provenance.</summary>
public sealed class ProvenanceTests
{
    [TestCase("0.1.0+0fdaa41f69da6582f4f68f46b5288c6a4dd35697", "0fdaa41f69da6582f4f68f46b5288c6a4dd35697")]
    [TestCase("0.1.0+ABCDEF1", "abcdef1")]
    [TestCase("0.1.0", null)]
    [TestCase("0.1.0+local-build", null)]
    public void The_commit_is_read_from_the_informational_version(string version, string? commit) =>
        Assert.That(new ToolEntry("rsc", version).Commit, Is.EqualTo(commit));

    [Test]
    public void Host_facts_are_parsed_from_the_kernels_own_files()
    {
        Assert.That(HostFacts.CpuModelOf("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7763 64-Core Processor\n"), Is.EqualTo("AMD EPYC 7763 64-Core Processor"));
        Assert.That(HostFacts.CpuModelOf("processor : 0\n"), Is.Null);
        Assert.That(HostFacts.OsReleaseValue("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n", "PRETTY_NAME"), Is.EqualTo("Debian GNU/Linux 12 (bookworm)"));
        Assert.That(HostFacts.OsReleaseValue("ID=debian\n", "PRETTY_NAME"), Is.Null);
    }

    [Test]
    public void A_case_fingerprint_changes_with_its_claim_its_traffic_and_its_timing_and_nothing_else()
    {
        var c = Catalogue.Find("RSC-FLAG-002")!;
        var baseline = CaseFingerprint.Of(c, 100_000, 300_000);
        Assert.Multiple(() =>
        {
            Assert.That(CaseFingerprint.Of(c, 100_000, 300_000), Is.EqualTo(baseline), "deterministic");
            Assert.That(CaseFingerprint.Of(c with { Title = c.Title + "!" }, 100_000, 300_000), Is.Not.EqualTo(baseline));
            Assert.That(CaseFingerprint.Of(c with { Requirement = c.Requirement + " " }, 100_000, 300_000), Is.Not.EqualTo(baseline));
            Assert.That(CaseFingerprint.Of(c, 200_000, 300_000), Is.Not.EqualTo(baseline), "spacing moves every deadline");
            Assert.That(CaseFingerprint.Of(c with { Description = "worded otherwise" }, 100_000, 300_000), Is.EqualTo(baseline), "the description is prose, not the claim");
        });
        var built = c.Build(new CaseContext(100_000, 300_000));
        var frames = built.Plan.Frames.ToList();
        var flipped = frames[0].Frame.ToArray();
        flipped[^1] ^= 1;
        frames[0] = frames[0] with { Frame = flipped };
        var changedPlan = new Harness.Core.Traffic.TrafficPlan(frames, built.Plan.SpacingNs, built.Plan.Parameters);
        Assert.That(CaseFingerprint.Of(c, changedPlan, 100_000, 300_000), Is.Not.EqualTo(baseline), "one byte of traffic");
    }

    [Test]
    public void The_catalogue_hash_covers_every_case_and_is_stable()
    {
        var first = CatalogueFingerprint.Compute(100_000, 300_000);
        var second = CatalogueFingerprint.Compute(100_000, 300_000);
        Assert.That(first, Is.EqualTo(second));
        Assert.That(first.Cases, Is.EqualTo(Catalogue.All.Count));
        Assert.That(CatalogueFingerprint.IsSha256Hex(first.Sha256));
        Assert.That(CatalogueFingerprint.Compute(Catalogue.All.Skip(1), 100_000, 300_000).Sha256, Is.Not.EqualTo(first.Sha256));
    }
}
