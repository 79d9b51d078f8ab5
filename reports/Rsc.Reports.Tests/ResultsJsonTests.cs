using System.Text.Json;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;

namespace Rsc.Reports.Tests;

public sealed class ResultsJsonTests
{
    [Test]
    public void Document_has_the_contract_property_names()
    {
        var doc = Samples.Header() with { Cases = [Samples.Case("RSC-A-001", Outcome.Fail, Samples.Finding("IPH.ttl-minimum"))], Complete = false };

        using var json = JsonDocument.Parse(ResultsJson.Serialize(doc));
        var root = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("rsc-results/1"));
            Assert.That(root.GetProperty("startedUtc").GetString(), Does.StartWith("2025-01-02T03:04:05"));
            Assert.That(root.GetProperty("tool").GetProperty("name").GetString(), Is.EqualTo("rsc"));
            var dut = root.GetProperty("dut");
            Assert.That(dut.GetProperty("name").GetString(), Is.EqualTo("reference"));
            Assert.That(dut.GetProperty("kind").GetString(), Is.EqualTo("reference"));
            Assert.That(dut.GetProperty("version").GetString(), Is.EqualTo("9.9.9"));
            Assert.That(dut.GetProperty("timing").GetString(), Is.EqualTo("Virtual"));
            Assert.That(dut.GetProperty("parameters").GetProperty("interval-us").GetString(), Is.EqualTo("300"));
            // The profile lists the rules the device is excused from (none for the reference device).
            Assert.That(dut.GetProperty("capabilities").GetProperty("excuses").GetArrayLength(), Is.Zero);
            Assert.That(root.GetProperty("complete").ValueKind, Is.EqualTo(JsonValueKind.False));
            Assert.That(root.GetProperty("planned").GetInt32(), Is.Zero);
            Assert.That(root.GetProperty("plannedCases").ValueKind, Is.EqualTo(JsonValueKind.Array));
            var settings = root.GetProperty("settings");
            Assert.That(settings.GetProperty("spacingUs").GetDouble(), Is.EqualTo(100));
            Assert.That(settings.GetProperty("intervalUs").GetDouble(), Is.EqualTo(300));
            Assert.That(settings.GetProperty("caseFilter").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "RSC-A-001", "section:B" }));
            var env = root.GetProperty("environment");
            foreach (var name in new[] { "os", "runtime", "machine", "processorCount" })
            {
                Assert.That(env.TryGetProperty(name, out _), Is.True, name);
            }
            foreach (var name in new[] { "total", "pass", "nonStrict", "fail", "info", "error" })
            {
                Assert.That(root.GetProperty("summary").TryGetProperty(name, out _), Is.True, name);
            }
        });
    }

    [Test]
    public void Case_entry_has_the_contract_property_names()
    {
        var doc = Samples.Header() with { Cases = [Samples.Case("RSC-A-001", Outcome.NonStrict, Samples.Finding("VS.gso-size", Severity.NonStrict))] };

        using var json = JsonDocument.Parse(ResultsJson.Serialize(doc));
        var c = json.RootElement.GetProperty("cases")[0];

        Assert.Multiple(() =>
        {
            string[] names =
            [
                "id", "section", "title", "level", "requirement", "source", "outcome", "durationMs", "intervalUs",
                "spacingUs", "sentFrames", "guestFrames", "coalescedFrames", "pacing", "trafficParameters",
                "statistics", "error", "findings", "artifacts",
            ];
            foreach (var name in names)
            {
                Assert.That(c.TryGetProperty(name, out _), Is.True, name);
            }
            Assert.That(c.GetProperty("outcome").GetString(), Is.EqualTo("NonStrict"));
            Assert.That(c.GetProperty("level").GetString(), Is.EqualTo("Must"));
            Assert.That(c.GetProperty("durationMs").GetDouble(), Is.EqualTo(4.25));
            Assert.That(c.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(c.GetProperty("pacing").GetProperty("p99Ns").GetInt64(), Is.EqualTo(100_000));
            Assert.That(c.GetProperty("statistics").GetProperty("coalescedOctets").GetInt64(), Is.EqualTo(4344));
            Assert.That(c.GetProperty("statistics").GetProperty("detail").GetProperty("finalize.timer").GetInt64(), Is.EqualTo(1));
            var f = c.GetProperty("findings")[0];
            Assert.That(f.GetProperty("rule").GetString(), Is.EqualTo("VS.gso-size"));
            Assert.That(f.GetProperty("severity").GetString(), Is.EqualTo("NonStrict"));
            Assert.That(f.GetProperty("message").GetString(), Is.Not.Empty);
            Assert.That(f.GetProperty("frames").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 0 }));
            Assert.That(f.GetProperty("sentFrames").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(c.GetProperty("artifacts").GetProperty("guestJsonl").GetString(), Is.EqualTo("cases/RSC-A-001/guest.jsonl"));
        });
    }

    [Test]
    public void Missing_statistics_and_unknown_device_are_written_as_null()
    {
        var doc = Samples.Header() with
        {
            Dut = DutEntry.Unknown("exec:/bin/dut"),
            Cases = [Samples.Case("RSC-A-001", Outcome.Error) with { Statistics = null, Pacing = null }],
        };

        using var json = JsonDocument.Parse(ResultsJson.Serialize(doc));

        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("dut").GetProperty("name").GetString(), Is.EqualTo("exec:/bin/dut"));
            Assert.That(json.RootElement.GetProperty("dut").GetProperty("kind").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var c = json.RootElement.GetProperty("cases")[0];
            Assert.That(c.GetProperty("statistics").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(c.GetProperty("error").GetString(), Is.EqualTo("device failed: boom"));
        });
    }

    [Test]
    public void Document_round_trips()
    {
        var doc = Samples.Header() with { Cases = [Samples.Case("RSC-A-001", Outcome.Pass)] };

        var back = ResultsJson.Deserialize(ResultsJson.Serialize(doc));

        Assert.Multiple(() =>
        {
            Assert.That(back.Cases, Has.Count.EqualTo(1));
            Assert.That(back.Cases[0].Outcome, Is.EqualTo(Outcome.Pass));
            Assert.That(back.Dut.Parameters["faults"], Is.EqualTo("none"));
            Assert.That(back.Settings.CaseFilter, Is.EqualTo(new[] { "RSC-A-001", "section:B" }));
        });
    }
}
