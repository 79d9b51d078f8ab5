using System.Text.Json;
using Rsc.Harness.Core;
using Rsc.Reports.KillMatrix;

namespace Rsc.Reports.Tests;

public sealed class KillMatrixTests
{
    private static readonly string[] CaseIds = ["RSC-ACK-001", "RSC-ACK-002", "RSC-FLAG-001", "RSC-STAT-001"];

    private static KillMatrixDevice Device(string? fault, string letters, string[]? killing = null, Dictionary<string, string>? notes = null)
    {
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        for (int i = 0; i < CaseIds.Length; i++)
        {
            outcomes[CaseIds[i]] = letters[i] switch
            {
                'P' => Outcome.Pass,
                'N' => Outcome.NonStrict,
                'F' => Outcome.Fail,
                'I' => Outcome.Info,
                _ => Outcome.Error,
            };
        }
        return new KillMatrixDevice
        {
            Dut = fault is null ? "reference" : $"reference:fault={fault}",
            Fault = fault,
            Outcomes = outcomes,
            Caught = (killing ?? [.. outcomes.Where(kv => kv.Value == Outcome.Fail).Select(kv => kv.Key)]).Length > 0,
            KillingCases = killing ?? [.. outcomes.Where(kv => kv.Value == Outcome.Fail).Select(kv => kv.Key)],
            Notes = notes,
        };
    }

    private static KillMatrixDocument Document(params KillMatrixDevice[] devices) => new()
    {
        StartedUtc = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Tool = new ToolEntry("rsc", "0.1.0"),
        Settings = new KillMatrixSettings(300, 100),
        Cases = CaseIds,
        Devices = devices,
        Summary = KillMatrixSummary.For(devices),
    };

    private static KillMatrixDocument Typical() => Document(
        Device(null, "PPPI"),
        Device("ttl-from-last", "PFFI", notes: new() { ["RSC-ACK-002"] = "IPH.ttl-minimum: TTL taken from the last segment" }),
        Device("timer-never-fires", "PNPI"));

    [Test]
    public void Json_has_the_contract_shape()
    {
        using var json = JsonDocument.Parse(KillMatrixJson.Serialize(Typical()));
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("rsc-kill-matrix/1"));
            Assert.That(root.GetProperty("cases").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(CaseIds));
            var devices = root.GetProperty("devices").EnumerateArray().ToList();
            Assert.That(devices, Has.Count.EqualTo(3));
            Assert.That(devices[0].GetProperty("dut").GetString(), Is.EqualTo("reference"));
            Assert.That(devices[0].GetProperty("fault").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(devices[0].GetProperty("caught").GetBoolean(), Is.False);
            Assert.That(devices[1].GetProperty("dut").GetString(), Is.EqualTo("reference:fault=ttl-from-last"));
            Assert.That(devices[1].GetProperty("outcomes").GetProperty("RSC-ACK-002").GetString(), Is.EqualTo("Fail"));
            Assert.That(devices[1].GetProperty("outcomes").EnumerateObject().Select(p => p.Name), Is.EqualTo(CaseIds));
            Assert.That(devices[1].GetProperty("caught").GetBoolean(), Is.True);
            Assert.That(devices[1].GetProperty("killingCases").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "RSC-ACK-002", "RSC-FLAG-001" }));
            var summary = root.GetProperty("summary");
            Assert.That(summary.GetProperty("faults").GetInt32(), Is.EqualTo(2));
            Assert.That(summary.GetProperty("caught").GetInt32(), Is.EqualTo(1));
            Assert.That(summary.GetProperty("escaped").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "timer-never-fires" }));
            Assert.That(summary.GetProperty("baselineClean").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void Json_round_trips_through_a_file_written_whole()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rsc-report-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(dir, KillMatrixJson.FileName);
            KillMatrixJson.WriteFile(path, Typical());
            var back = KillMatrixJson.ReadFile(path);
            Assert.Multiple(() =>
            {
                Assert.That(back.Cases, Is.EqualTo(CaseIds));
                Assert.That(back.Devices.Select(d => d.Fault), Is.EqualTo(new string?[] { null, "ttl-from-last", "timer-never-fires" }));
                Assert.That(back.Devices[1].Outcomes["RSC-FLAG-001"], Is.EqualTo(Outcome.Fail));
                Assert.That(back.Summary.Escaped, Is.EqualTo(new[] { "timer-never-fires" }));
                Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EqualTo(new[] { KillMatrixJson.FileName }));
            });
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Test]
    public void Reading_another_schema_is_refused()
    {
        var json = KillMatrixJson.Serialize(Typical()).Replace("rsc-kill-matrix/1", "rsc-kill-matrix/9", StringComparison.Ordinal);
        Assert.That(() => KillMatrixJson.Deserialize(json), Throws.InstanceOf<JsonException>().With.Message.Contains("rsc-kill-matrix/9"));
    }

    [Test]
    public void Summary_names_baseline_failures_and_escapees()
    {
        var summary = KillMatrixSummary.For([Device(null, "PNFI"), Device("a", "PPPP"), Device("b", "FPPP")]);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Faults, Is.EqualTo(2));
            Assert.That(summary.Caught, Is.EqualTo(1));
            Assert.That(summary.Escaped, Is.EqualTo(new[] { "a" }));
            Assert.That(summary.BaselineClean, Is.False);
            Assert.That(summary.BaselineFailures, Is.EqualTo(new[] { "RSC-ACK-002", "RSC-FLAG-001" }));
        });
    }

    [Test]
    public void Compact_listing_gives_one_line_per_device_with_verdict_and_killers()
    {
        var lines = KillMatrixTable.RenderSummary(Typical()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("DEVICE").And.Contain("CAUGHT BY"));
            Assert.That(lines[1], Does.StartWith("(fault-free)").And.Contain("clean"));
            Assert.That(lines[2], Does.StartWith("ttl-from-last").And.Contain("caught").And.EndWith("RSC-ACK-002, RSC-FLAG-001"));
            Assert.That(lines[3], Does.StartWith("timer-never-fires").And.Contain("ESCAPED"));
            Assert.That(lines[4], Is.EqualTo("2 faults: 1 caught, 1 escaped (timer-never-fires); fault-free device: clean on 4 cases"));
        });
    }

    [Test]
    public void Compact_listing_fits_the_terminal_width_however_many_cases_kill()
    {
        var ids = Enumerable.Range(1, 80).Select(i => $"RSC-SECTION-{i:000}").ToArray();
        var device = new KillMatrixDevice
        {
            Dut = "reference:fault=checksums-not-recomputed",
            Fault = "checksums-not-recomputed",
            Outcomes = ids.ToDictionary(i => i, _ => Outcome.Fail),
            Caught = true,
            KillingCases = ids,
        };
        var baseline = device with { Dut = "reference", Fault = null, Outcomes = ids.ToDictionary(i => i, _ => Outcome.Pass), Caught = false, KillingCases = [] };
        var doc = new KillMatrixDocument { Cases = ids, Devices = [baseline, device], Summary = KillMatrixSummary.For([baseline, device]) };

        var lines = KillMatrixTable.RenderSummary(doc).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Take(3).Select(l => l.Length), Is.All.LessThanOrEqualTo(KillMatrixTable.DefaultWidth));
            Assert.That(lines[2], Does.Contain("RSC-SECTION-001, RSC-SECTION-002").And.Match(@"\+\d+ more$"));
        });
    }

    [Test]
    public void Baseline_failures_are_shown_and_said_to_catch_nothing()
    {
        var doc = Document(Device(null, "FPPI"), Device("x", "FPFI", killing: ["RSC-FLAG-001"]));
        var text = KillMatrixTable.RenderSummary(doc);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("NOT CLEAN"));
            Assert.That(text, Does.Contain("1 of 4 case(s) not passed (RSC-ACK-001)"));
            Assert.That(text, Does.Contain("a case that fails on the fault-free device catches no fault"));
        });
    }

    [Test]
    public void Full_matrix_has_a_letter_per_outcome_sections_apart_a_legend_and_a_key()
    {
        var text = KillMatrixTable.RenderMatrix(Document(
            Device(null, "PPPI"),
            Device("ttl-from-last", "PFFI", notes: new() { ["RSC-ACK-002"] = "IPH.ttl-minimum: TTL taken from the last segment" }),
            Device("timer-never-fires", "PNEI")));
        var lines = text.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("4 case(s) x 3 device configuration(s)"));
            Assert.That(text, Does.Contain(KillMatrixTable.Legend));
            Assert.That(lines, Has.Some.EqualTo("                   12 3 4"));
            Assert.That(lines, Has.Some.EqualTo("(fault-free)       PP P I  clean F=0 N=0 E=0"));
            Assert.That(lines, Has.Some.EqualTo("ttl-from-last      PF F I  caught F=2 N=0 E=0"));
            Assert.That(lines, Has.Some.EqualTo("timer-never-fires  PN E I  ESCAPED F=0 N=1 E=1"));
            Assert.That(lines, Has.Some.EqualTo("2  RSC-ACK-002   catches ttl-from-last"));
            Assert.That(lines, Has.Some.EqualTo("1  RSC-ACK-001   catches no fault"));
            Assert.That(text, Does.Contain("  F RSC-ACK-002   IPH.ttl-minimum: TTL taken from the last segment"));
        });
    }

    [TestCase(Outcome.Pass, 'P')]
    [TestCase(Outcome.NonStrict, 'N')]
    [TestCase(Outcome.Fail, 'F')]
    [TestCase(Outcome.Info, 'I')]
    [TestCase(Outcome.Error, 'E')]
    public void Outcome_letters(Outcome outcome, char letter) => Assert.That(KillMatrixTable.Letter(outcome), Is.EqualTo(letter));

    [TestCase("RSC-FLAG-003", "FLAG")]
    [TestCase("RSC-IPV6-010", "IPV6")]
    [TestCase("ODD", "ODD")]
    public void Section_of_a_case_id(string id, string section) => Assert.That(KillMatrixTable.SectionOf(id), Is.EqualTo(section));
}
