using System.Text.RegularExpressions;
using Rsc.Harness.Cases;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core;
using Rsc.Harness.LinuxGro;
using Rsc.Harness.Live.Exec;
using Rsc.Harness.Oracle.Rules;
using Rsc.Harness.Oracle;
using Rsc.Harness.Qemu;
using Rsc.TestCases.Support;

namespace Rsc.TestCases.Tests;

/// <summary>The catalogue is well-formed: ids, texts, sources, and every case builds a plan its expectations fit.</summary>
[TestFixture]
public sealed partial class CatalogueIntegrityTests
{
    private static readonly HashSet<string> DigestSources = ["R", "E", "IPH", "IND", "EX", "PC", "OID", "NBL", "VS", "SEED"];

    private static readonly CaseContext DefaultTiming = new(100_000, 300_000);

    /// <summary>Run-wide timings a user might pick; a case must still build (its premise may not hold).</summary>
    private static readonly CaseContext[] OddTimings =
    [
        new(1_000_000, 50_000),
        new(10_000, 1_000_000),
        new(100_000, 1_000),
    ];

    [GeneratedRegex(@"^RSC-([A-Z0-9]+)-\d{3}$")]
    private static partial Regex IdPattern();

    [Test]
    public void HasAtLeastThirtyCases() => Assert.That(Catalogue.All, Has.Count.GreaterThanOrEqualTo(30));

    [Test]
    public void HasAtLeastSixtyCases() => Assert.That(Catalogue.All, Has.Count.GreaterThanOrEqualTo(60));

    /// <summary>The digest's sources that this in-process suite can exercise (PC and NBL are Windows-side only).</summary>
    private static readonly string[] TestableSources = ["R", "E", "IPH", "IND", "EX", "OID", "VS", "SEED"];

    [Test]
    public void EveryTestableSourceIsCited()
    {
        var cited = Catalogue.All
            .SelectMany(c => c.Source.Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        Assert.That(TestableSources, Is.SubsetOf(cited));
    }

    [Test]
    public void Ipv6SizeCaseHitsThePayloadLengthLimitExactly()
    {
        var plan = Catalogue.Find("RSC-SIZE-004")!.Build(DefaultTiming).Plan;
        var packets = plan.Frames.Select(f => ParsedPacket.Parse(f.Frame)).Take(46).ToList();
        Assert.That(packets, Has.All.Matches<ParsedPacket>(p => p.IpVersion == 6));
        int payloadLength = packets[0].TcpHeaderLength + packets.Sum(p => p.PayloadLength);
        Assert.That(payloadLength, Is.EqualTo(65535));
    }

    [Test]
    public void RandomStreamIsDeterministicAndRecordsItsSeed()
    {
        var c = Catalogue.Find("RSC-BASIC-006")!;
        var one = c.Build(DefaultTiming).Plan;
        var two = c.Build(DefaultTiming).Plan;
        Assert.That(one.Parameters, Does.ContainKey("seed"));
        Assert.That(one.Frames, Has.Count.EqualTo(3000));
        Assert.That(two.Frames.Select(f => Convert.ToHexString(f.Frame)), Is.EqualTo(one.Frames.Select(f => Convert.ToHexString(f.Frame))));
        Assert.That(one.Frames.Select(f => f.OffsetNs), Is.EqualTo(two.Frames.Select(f => f.OffsetNs)));
    }

    [Test]
    public void IdsAreUniqueAndWellFormed()
    {
        Assert.That(Catalogue.All.Select(c => c.Id), Is.Unique);
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                Assert.That(c.Id, Does.Match(IdPattern()), c.Id);
            }
        });
    }

    [Test]
    public void SectionIsTheMiddleOfTheId()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                var m = IdPattern().Match(c.Id);
                Assert.That(m.Success ? m.Groups[1].Value : null, Is.EqualTo(c.Section), c.Id);
            }
        });
    }

    [Test]
    public void CatalogueIsSortedById() =>
        Assert.That(Catalogue.All.Select(c => c.Id), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));

    [Test]
    public void TextsAreFilledAndRequirementStatesItsLevel()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                Assert.That(c.Title, Is.Not.Empty.And.Not.Contain("\n"), $"{c.Id} title");
                Assert.That(c.Description, Is.Not.Empty, $"{c.Id} description");
                Assert.That(c.Requirement, Is.Not.Empty, $"{c.Id} requirement");
                Assert.That(c.Level, Is.AnyOf(RequirementLevel.Must, RequirementLevel.Should), $"{c.Id} level");
                string word = c.Level == RequirementLevel.Must ? "MUST" : "SHOULD";
                Assert.That(c.Requirement, Does.Contain(word), $"{c.Id} requirement restates its level");
            }
        });
    }

    [Test]
    public void SourcesAreDigestKeys()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                var keys = c.Source.Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries);
                Assert.That(keys, Is.Not.Empty, c.Id);
                Assert.That(keys, Is.SubsetOf(DigestSources), c.Id);
            }
        });
    }

    [Test]
    public void PinnedTimingIsPositive()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                Assert.That(c.DrainIntervalNs ?? 1, Is.Positive, c.Id);
                Assert.That(c.SpacingNs ?? 1, Is.Positive, c.Id);
            }
        });
    }

    [Test]
    public void EveryCaseBuildsAndItsExpectationsNameExistingFrames()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                var pinned = new CaseContext(c.SpacingNs ?? DefaultTiming.SpacingNs, c.DrainIntervalNs ?? DefaultTiming.DrainIntervalNs);
                foreach (var timing in new[] { DefaultTiming, pinned }.Concat(OddTimings).Distinct())
                {
                    CheckBuild(c, timing);
                }
            }
        });
    }

    [Test]
    public void EveryRuleACaseReportsUnderIsInTheRuleCatalogue()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                var traffic = c.Build(new CaseContext(c.SpacingNs ?? DefaultTiming.SpacingNs, c.DrainIntervalNs ?? DefaultTiming.DrainIntervalNs));
                foreach (var rule in traffic.Expectations.Select(e => e.Rule).Concat(c.Rules))
                {
                    Assert.That(RuleCatalog.Contains(rule), Is.True, $"{c.Id} reports under '{rule}', which is not in RuleCatalog");
                }
            }
        });
    }

    /// <summary>A behaviour rule no case reports under would excuse nothing: a profile citing it would be dead text.</summary>
    [Test]
    public void EveryBehaviourRuleIsTheRequirementOfSomeCase()
    {
        var used = Catalogue.All
            .SelectMany(c => c.Build(new CaseContext(c.SpacingNs ?? DefaultTiming.SpacingNs, c.DrainIntervalNs ?? DefaultTiming.DrainIntervalNs)).Expectations)
            .Select(e => e.Rule)
            .ToHashSet(StringComparer.Ordinal);
        var behaviours = typeof(BehaviourRules).GetFields().Select(f => (string)f.GetRawConstantValue()!);
        Assert.That(behaviours.Where(b => !used.Contains(b)), Is.Empty);
    }

    private static IEnumerable<TestCaseData> Profiles()
    {
        yield return new TestCaseData(LinuxGroCapabilities.Profile).SetArgDisplayNames("linux-gro");
        yield return new TestCaseData(QemuCapabilities.For(rscInfoNegotiated: true)).SetArgDisplayNames("qemu");
        yield return new TestCaseData(QemuCapabilities.For(rscInfoNegotiated: false)).SetArgDisplayNames("qemu-without-rsc-ext");
        yield return new TestCaseData(ExternalDeviceProfile.Default).SetArgDisplayNames("exec");
        yield return new TestCaseData(Rsc.Harness.Adapters.DpdkGro.DpdkGroCapabilities.Profile).SetArgDisplayNames("dpdk-gro");
    }

    [TestCaseSource(nameof(Profiles))]
    public void EveryExcuseNamesACatalogueRuleWithItsBehaviourAndCitation(DeviceCapabilities profile)
    {
        Assert.That(profile.Excuses, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var e in profile.Excuses)
            {
                Assert.That(RuleCatalog.Contains(e.Rule), Is.True, $"'{e.Rule}' is not in RuleCatalog");
                Assert.That(e.Behaviour, Has.Length.GreaterThan(20), e.Rule);
                Assert.That(e.Citation, Does.Match(@"[\w/.-]+\.(c|h|md)\b"), $"{e.Rule}: the citation names no source file");
            }
            Assert.That(profile.Excuses.Select(e => e.Rule), Is.Unique);
            // The rules that protect the data itself are never excused, whatever the device.
            foreach (var never in new[] { OracleRules.Lost, OracleRules.Duplicate, OracleRules.Unexpected, OracleRules.Modified, OracleRules.ByteStream, OracleRules.FlowOrder, OracleRules.ExceptionMerged, OracleRules.IpChecksum, OracleRules.TcpChecksum })
            {
                Assert.That(profile.ExcuseFor(never), Is.Null, $"{never} is excused");
            }
        });
    }

    [Test]
    public void MalformedCasesReallyCarryOneUnreadableFrame()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All.Where(c => c.Section == "MALF"))
            {
                var plan = c.Build(DefaultTiming).Plan;
                var unreadable = plan.Frames.Where(f => !ParsedPacket.Parse(f.Frame).IsTcp).ToList();
                Assert.That(unreadable, Has.Count.EqualTo(1), c.Id);
                Assert.That(unreadable.Select(f => f.Segment), Has.All.Null, $"{c.Id}: the bad frame carries no segment model");
            }
        });
    }

    [Test]
    public void SizeCasesHitTheDatagramLimitExactly()
    {
        foreach (var id in new[] { "RSC-SIZE-001", "RSC-SIZE-003" })
        {
            var plan = Catalogue.Find(id)!.Build(DefaultTiming).Plan;
            var packets = plan.Frames.Select(f => ParsedPacket.Parse(f.Frame)).Take(46).ToList();
            int datagram = packets[0].IpHeaderLength + packets[0].TcpHeaderLength + packets.Sum(p => p.PayloadLength);
            Assert.That(datagram, Is.EqualTo(65535), id);
        }
    }

    [Test]
    public void FindIgnoresCase()
    {
        Assert.That(Catalogue.Find("rsc-basic-001")?.Id, Is.EqualTo("RSC-BASIC-001"));
        Assert.That(Catalogue.Find("RSC-NOPE-999"), Is.Null);
    }

    [Test]
    public void SelectByIdsAndSections()
    {
        Assert.That(Catalogue.Select(null, null), Is.SameAs(Catalogue.All));
        Assert.That(Catalogue.Select([], [" "]), Is.SameAs(Catalogue.All));

        var flags = Catalogue.Select(null, ["flag"]);
        Assert.That(flags, Is.Not.Empty);
        Assert.That(flags.Select(c => c.Section), Has.All.EqualTo("FLAG"));

        var mixed = Catalogue.Select(["rsc-basic-001"], ["FLAG"]);
        Assert.That(mixed.Select(c => c.Id), Is.EqualTo(new[] { "RSC-BASIC-001" }.Concat(flags.Select(c => c.Id))));

        Assert.That(() => Catalogue.Select(["RSC-NOPE-999"], null), Throws.ArgumentException.With.Message.Contains("RSC-NOPE-999"));
        Assert.That(() => Catalogue.Select(null, ["NOPE"]), Throws.ArgumentException.With.Message.Contains("NOPE"));
    }

    private static void CheckBuild(ConformanceCase c, CaseContext timing)
    {
        string at = $"{c.Id} at spacing {timing.SpacingNs} ns, interval {timing.DrainIntervalNs} ns";
        CaseTraffic traffic;
        try
        {
            traffic = c.Build(timing);
        }
        catch (Exception e)
        {
            Assert.Fail($"{at}: Build threw {e.GetType().Name}: {e.Message}");
            return;
        }
        int frames = traffic.Plan.Frames.Count;
        Assert.That(frames, Is.Positive, $"{at}: empty plan");
        Assert.That(traffic.Expectations, Is.Not.Empty, $"{at}: no expectations of its own");
        foreach (var e in traffic.Expectations)
        {
            if (e is not CaseExpectation named)
            {
                Assert.Fail($"{at}: expectation {e.Rule} was not stated through the catalogue's builder (level and frames unknown)");
                continue;
            }
            Assert.That(named.Level, Is.Not.Null, $"{at}: {e.Rule} has no level");
            Assert.That(named.SentFrames, Has.All.InRange(0, frames - 1), $"{at}: {e.Rule} names a frame outside 0..{frames - 1}");
        }
    }
}
