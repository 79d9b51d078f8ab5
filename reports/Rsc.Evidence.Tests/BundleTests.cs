using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Rsc.Evidence.Bundle;
using Rsc.Evidence.Handlers;
using Rsc.TestCases;

namespace Rsc.Evidence.Tests;

public sealed class BundleTests
{
    private string _run = "";
    private string _work = "";

    [OneTimeSetUp]
    public void MakeRun()
    {
        _work = TestRuns.TempFolder("bundle");
        _run = Path.Combine(_work, "run");
        TestRuns.Run(_run, "reference:fault=psh-from-last", sections: ["FLAG"]);
        // What a report build leaves in the run folder is evidence too.
        Directory.CreateDirectory(Path.Combine(_run, "report"));
        File.WriteAllText(Path.Combine(_run, "report", "index.html"), "<html><body>report</body></html>\n");
    }

    private string Pack(string name, string? pfx = null, string? passwordVariable = null, Func<string, string?>? env = null)
    {
        var bundle = Path.Combine(_work, name);
        var r = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e, env).Run(new EvidencePackOptions(_run, bundle, pfx, passwordVariable)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        return bundle;
    }

    private static HandlerOutcome Verify(string bundle, string? cer = null) =>
        HandlerOutcome.Of((o, e) => new EvidenceVerifyHandler(o, e).Run(new EvidenceVerifyOptions(bundle, cer)));

    [Test]
    public void A_packed_run_verifies_with_one_summary_line()
    {
        var bundle = Pack("ok.zip");
        var r = Verify(bundle);
        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
            Assert.That(r.Out.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
            Assert.That(r.Out, Does.Contain("OK").And.Contain("unsigned"));
            Assert.That(r.Error, Is.Empty);
        });
    }

    [Test]
    public void The_same_folder_packs_to_the_same_bytes_wherever_it_lies_and_whenever_its_files_were_touched()
    {
        var first = File.ReadAllBytes(Pack("same-1.zip"));
        var copy = Path.Combine(_work, "elsewhere", "copy-of-run");
        CopyFolder(_run, copy);
        foreach (var f in Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(f, new DateTime(2031, 5, 5, 5, 5, 5, DateTimeKind.Utc));
        }
        var second = Path.Combine(_work, "same-2.zip");
        var r = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e).Run(new EvidencePackOptions(copy, second)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(first));
    }

    [Test]
    public void The_bundle_holds_every_file_of_the_run_folder_and_the_manifest_hashes_them()
    {
        var bundle = Pack("contents.zip");
        using var zip = ZipFile.OpenRead(bundle);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        var runFiles = Directory.EnumerateFiles(_run, "*", SearchOption.AllDirectories)
            .Select(f => BundleLayout.RunPrefix + Path.GetRelativePath(_run, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.That(runFiles, Does.Contain("run/results.json").And.Contain("run/report/index.html").And.Contain("run/cases/RSC-FLAG-001/guest.pcap"));
        Assert.That(names.Where(n => n.StartsWith(BundleLayout.RunPrefix, StringComparison.Ordinal)), Is.EqualTo(runFiles));
        var manifest = System.Text.Json.JsonSerializer.Deserialize<EvidenceManifest>(zip.GetEntry("manifest.json")!.Open(), EvidenceJson.Options)!;
        foreach (var f in manifest.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_run, f.Path[BundleLayout.RunPrefix.Length..]));
            Assert.That(f.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))), f.Path);
            Assert.That(f.Size, Is.EqualTo(bytes.Length), f.Path);
        }
        Assert.That(manifest.Files.Select(f => f.Path), Is.EqualTo(runFiles));
    }

    [Test]
    public void The_manifest_describes_the_run_not_the_packing_machine()
    {
        var bundle = Pack("facts.zip");
        using var zip = ZipFile.OpenRead(bundle);
        var m = System.Text.Json.JsonSerializer.Deserialize<EvidenceManifest>(zip.GetEntry("manifest.json")!.Open(), EvidenceJson.Options)!;
        var flag = Catalogue.Select(null, ["FLAG"]);
        Assert.Multiple(() =>
        {
            Assert.That(m.Device.Kind, Is.EqualTo("reference"));
            Assert.That(m.Device.Parameters, Is.Not.Empty);
            Assert.That(m.Device.Capabilities, Is.Not.Null);
            Assert.That(m.Tool.Commit, Is.EqualTo("0123456789abcdef0123456789abcdef01234567"));
            Assert.That(m.Host.Kernel, Is.EqualTo("6.1.0-27-amd64"));
            Assert.That(m.Host.CpuModel, Is.EqualTo("AMD EPYC 7763 64-Core Processor"));
            Assert.That(m.Host.Machine, Is.EqualTo("test-machine"));
            Assert.That(m.Run.StartedUtc, Is.EqualTo(TestRuns.Started));
            Assert.That(m.Run.FinishedUtc, Is.Not.Null);
            Assert.That(m.Run.Complete, Is.True);
            Assert.That(m.Run.Planned, Is.EqualTo(flag.Count));
            Assert.That(m.Run.Summary.Fail, Is.GreaterThan(0), "psh-from-last fails FLAG-001");
            Assert.That(m.Catalogue.Sha256, Is.EqualTo(CatalogueFingerprint.Compute(100_000, 300_000).Sha256));
            Assert.That(m.Catalogue.JudgedCasesSha256, Is.EqualTo(CatalogueFingerprint.Compute(flag, 100_000, 300_000).Sha256));
            Assert.That(m.Settings.IntervalUs, Is.EqualTo(300));
        });
    }

    [Test]
    public void An_old_run_folder_packs_with_unknowns_instead_of_this_machines_facts()
    {
        var old = Path.Combine(_work, "old-run");
        CopyFolder(_run, old);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(old, "results.json")))!.AsObject();
        foreach (var field in new[] { "complete", "planned", "plannedCases", "catalogue", "finishedUtc", "interrupted", "inProgress" })
        {
            json.Remove(field);
        }
        var env = json["environment"]!.AsObject();
        foreach (var field in new[] { "kernel", "cpuModel", "distribution", "architecture" })
        {
            env.Remove(field);
        }
        json["tool"]!.AsObject()["version"] = "0.1.0";
        foreach (var c in json["cases"]!.AsArray())
        {
            c!.AsObject().Remove("fingerprint");
        }
        File.WriteAllText(Path.Combine(old, "results.json"), json.ToJsonString());
        var bundle = Path.Combine(_work, "old.zip");
        var packed = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e).Run(new EvidencePackOptions(old, bundle)));
        Assert.That(packed.ExitCode, Is.EqualTo(0), packed.Error);
        var shown = HandlerOutcome.Of((o, e) => new EvidenceShowHandler(o, e).Run(new EvidenceShowOptions(bundle)));
        Assert.Multiple(() =>
        {
            Assert.That(shown.ExitCode, Is.EqualTo(0), shown.Error);
            Assert.That(shown.Out, Does.Contain("kernel unknown"));
            Assert.That(shown.Out, Does.Contain("CPU unknown"));
            Assert.That(shown.Out, Does.Contain("commit unknown"));
            Assert.That(shown.Out, Does.Contain("catalogue    not recorded by the run; judged cases unknown"));
            Assert.That(shown.Out, Does.Contain("completeness unknown"));
        });
    }

    [Test]
    public void Show_gives_the_reviewer_device_tool_host_times_verdicts_completeness_and_signature()
    {
        var bundle = Pack("show.zip");
        var r = HandlerOutcome.Of((o, e) => new EvidenceShowHandler(o, e).Run(new EvidenceShowOptions(bundle)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        foreach (var label in new[] { "device ", "profile ", "settings ", "tool ", "catalogue ", "host ", "times ", "verdicts ", "completeness ", "signature ", "integrity " })
        {
            Assert.That(r.Out, Does.Contain("\n" + label).Or.StartWith(label), label);
        }
        Assert.That(r.Out, Does.Contain("reference:fault=psh-from-last").And.Contain("complete: ").And.Contain("none (unsigned bundle)").And.Contain("every file matches"));
    }

    [Test]
    public void Changing_any_byte_of_any_entry_is_named_by_verify([Values] bool signed)
    {
        using var cert = SelfSigned("CN=rsc evidence test signer");
        var bundle = signed ? PackSigned("flip-signed.zip", cert) : Pack("flip.zip");
        var random = new Random(20261206);
        foreach (var name in EntryNames(bundle))
        {
            for (int trial = 0; trial < 3; trial++)
            {
                var changed = Rewrite(bundle, $"flip-{trial}.zip", entries =>
                {
                    var bytes = entries[name];
                    if (bytes.Length == 0)
                    {
                        entries[name] = [0x42];
                        return;
                    }
                    var copy = (byte[])bytes.Clone();
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                    entries[name] = copy;
                });
                var r = Verify(changed);
                Assert.That(r.ExitCode, Is.EqualTo(1), $"{name}: {r.Error}{r.Out}");
                Assert.That(r.ErrorLines, Has.Length.EqualTo(1), name);
                Assert.That(r.Error, Does.Contain(name), name);
            }
        }
    }

    [Test]
    public void Removing_any_entry_is_named_by_verify_and_a_bundle_without_manifest_is_not_a_bundle([Values] bool signed)
    {
        using var cert = SelfSigned("CN=rsc evidence test signer");
        var bundle = signed ? PackSigned("remove-signed.zip", cert) : Pack("remove.zip");
        foreach (var name in EntryNames(bundle))
        {
            var changed = Rewrite(bundle, "removed.zip", entries => entries.Remove(name));
            var r = Verify(changed);
            Assert.That(r.ErrorLines, Has.Length.EqualTo(1), name);
            if (name == BundleLayout.ManifestName)
            {
                Assert.That(r.ExitCode, Is.EqualTo(2), r.Error);
                Assert.That(r.Error, Does.Contain("not an evidence bundle"));
            }
            else
            {
                Assert.That(r.ExitCode, Is.EqualTo(1), $"{name}: {r.Error}");
                Assert.That(r.Error, Does.Contain("missing: " + name));
            }
        }
    }

    [TestCase("run/extra.txt")]
    [TestCase("run/cases/RSC-FLAG-001/timeline.json")]
    [TestCase("notes.txt")]
    [TestCase("manifest.json.p7s")]
    public void Adding_a_file_is_named_by_verify(string added)
    {
        var bundle = Pack("add.zip");
        var changed = Rewrite(bundle, "added.zip", entries => entries[added] = Encoding.UTF8.GetBytes("not part of the run"));
        var r = Verify(changed);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Error);
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(r.Error, Does.Contain(added));
    }

    [Test]
    public void A_signed_bundle_verifies_with_its_certificate_and_fails_with_another()
    {
        using var cert = SelfSigned("CN=rsc vendor A");
        using var other = SelfSigned("CN=rsc vendor B");
        var bundle = PackSigned("signed.zip", cert);
        var cer = WriteCer("a.cer", cert);
        var otherCer = WriteCer("b.cer", other);

        var good = Verify(bundle, cer);
        var wrong = Verify(bundle, otherCer);
        var unpinned = Verify(bundle);
        Assert.Multiple(() =>
        {
            Assert.That(good.ExitCode, Is.EqualTo(0), good.Error);
            Assert.That(good.Out, Does.Contain("CN=rsc vendor A").And.Contain("(required)"));
            Assert.That(wrong.ExitCode, Is.EqualTo(1), wrong.Out);
            Assert.That(wrong.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(wrong.Error, Does.Contain("bad signature").And.Contain("CN=rsc vendor A").And.Contain("CN=rsc vendor B"));
            Assert.That(unpinned.ExitCode, Is.EqualTo(0), unpinned.Error);
            Assert.That(unpinned.Out, Does.Contain("not checked against a trusted certificate"));
        });
    }

    [Test]
    public void A_signed_bundle_differs_from_the_unsigned_one_only_by_its_signature()
    {
        using var cert = SelfSigned("CN=rsc vendor A");
        var signed = EntriesOf(PackSigned("cmp-signed.zip", cert));
        var plain = EntriesOf(Pack("cmp-plain.zip"));
        Assert.That(signed.Keys.Except(plain.Keys), Is.EqualTo(new[] { BundleLayout.SignatureName }));
        foreach (var (name, bytes) in plain.Where(e => e.Key != BundleLayout.ChecksumsName))
        {
            Assert.That(signed[name], Is.EqualTo(bytes), name);
        }
    }

    [Test]
    public void An_unsigned_bundle_fails_when_a_certificate_is_required()
    {
        using var cert = SelfSigned("CN=rsc vendor A");
        var r = Verify(Pack("unsigned.zip"), WriteCer("req.cer", cert));
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(r.Error, Does.Contain("unsigned").And.Contain("CN=rsc vendor A"));
    }

    [Test]
    public void A_replaced_manifest_with_fresh_checksums_still_fails_the_signature()
    {
        using var cert = SelfSigned("CN=rsc vendor A");
        var bundle = PackSigned("forged.zip", cert);
        var forged = Rewrite(bundle, "forged-2.zip", entries =>
        {
            var manifest = Encoding.UTF8.GetString(entries[BundleLayout.ManifestName]).Replace("\"fail\": ", "\"fail\": 0, \"was\": ", StringComparison.Ordinal);
            entries[BundleLayout.ManifestName] = Encoding.UTF8.GetBytes(manifest);
            var sums = Encoding.UTF8.GetString(entries[BundleLayout.ChecksumsName]).Split('\n');
            sums[0] = Convert.ToHexStringLower(SHA256.HashData(entries[BundleLayout.ManifestName])) + "  " + BundleLayout.ManifestName;
            entries[BundleLayout.ChecksumsName] = Encoding.UTF8.GetBytes(string.Join('\n', sums));
        });
        var r = Verify(forged, WriteCer("forged.cer", cert));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Out);
        Assert.That(r.Error, Does.Contain("bad signature"));
    }

    [TestCase("garbage")]
    [TestCase("empty")]
    [TestCase("truncated")]
    [TestCase("no-manifest")]
    [TestCase("manifest-not-json")]
    [TestCase("manifest-wrong-schema")]
    [TestCase("missing-file")]
    public void Input_that_is_not_a_bundle_exits_2_with_one_line(string kind)
    {
        var path = Path.Combine(_work, kind + ".zip");
        switch (kind)
        {
            case "garbage":
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes("this is not a zip archive at all\n"));
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "truncated":
                var whole = File.ReadAllBytes(Pack("to-truncate.zip"));
                File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
                break;
            case "no-manifest":
                WriteZip(path, new() { ["run/results.json"] = "{}"u8.ToArray() });
                break;
            case "manifest-not-json":
                var notJson = "this is { not json"u8.ToArray();
                WriteZip(path, new()
                {
                    [BundleLayout.ManifestName] = notJson,
                    [BundleLayout.ChecksumsName] = Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(notJson)) + "  manifest.json\n"),
                });
                break;
            case "manifest-wrong-schema":
                var other = "{\"schema\":\"something-else/1\",\"files\":[]}"u8.ToArray();
                WriteZip(path, new()
                {
                    [BundleLayout.ManifestName] = other,
                    [BundleLayout.ChecksumsName] = Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(other)) + "  manifest.json\n"),
                });
                break;
            case "missing-file":
                path = Path.Combine(_work, "does-not-exist.zip");
                break;
        }
        foreach (var r in new[] { Verify(path), HandlerOutcome.Of((o, e) => new EvidenceShowHandler(o, e).Run(new EvidenceShowOptions(path))) })
        {
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Error + r.Out);
            Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(r.Error, Does.Not.Contain("   at "));
            Assert.That(r.Out, Is.Empty);
        }
    }

    [Test]
    public void Flipping_raw_bytes_of_the_archive_never_passes_a_changed_entry()
    {
        var bundle = Pack("raw.zip");
        var original = EntriesOf(bundle);
        var bytes = File.ReadAllBytes(bundle);
        var random = new Random(7);
        var path = Path.Combine(_work, "raw-flipped.zip");
        for (int trial = 0; trial < 300; trial++)
        {
            var copy = (byte[])bytes.Clone();
            int at = trial < 100 ? copy.Length - 1 - trial : random.Next(copy.Length);
            copy[at] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(path, copy);
            var r = Verify(path);
            Assert.That(r.ExitCode, Is.AnyOf(0, 1, 2), $"byte {at}");
            Assert.That(r.Error, Does.Not.Contain("   at "), $"byte {at}");
            if (r.ExitCode == 0)
            {
                // Only bytes no entry's content depends on (a time, an attribute) may change unnoticed.
                var now = EntriesOf(path);
                Assert.That(now.Keys, Is.EquivalentTo(original.Keys), $"byte {at}");
                foreach (var (name, content) in original)
                {
                    Assert.That(now[name], Is.EqualTo(content), $"byte {at}, {name}");
                }
            }
            else
            {
                Assert.That(r.ErrorLines, Has.Length.EqualTo(1), $"byte {at}");
            }
        }
    }

    [Test]
    public void Pack_refuses_what_is_not_a_run_and_a_run_whose_artifacts_went_missing()
    {
        var notRun = TestRuns.TempFolder("not-a-run");
        var r1 = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e).Run(new EvidencePackOptions(notRun, Path.Combine(_work, "x.zip"))));
        Assert.That(r1.ExitCode, Is.EqualTo(2));
        Assert.That(r1.Error, Does.Contain("not a run folder"));

        var damaged = Path.Combine(_work, "damaged-run");
        CopyFolder(_run, damaged);
        File.Delete(Path.Combine(damaged, "cases", "RSC-FLAG-002", "guest.pcap"));
        var r2 = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e).Run(new EvidencePackOptions(damaged, Path.Combine(_work, "y.zip"))));
        Assert.That(r2.ExitCode, Is.EqualTo(1));
        Assert.That(r2.Error, Does.Contain("cases/RSC-FLAG-002/guest.pcap"));
        Assert.That(File.Exists(Path.Combine(_work, "y.zip")), Is.False);
    }

    [Test]
    public void A_wire_capture_that_results_json_names_is_evidence_too()
    {
        var run = Path.Combine(_work, "wire-run");
        CopyFolder(_run, run);
        var resultsPath = Path.Combine(run, "results.json");
        var results = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(resultsPath))!;
        var entry = results["cases"]!.AsArray().Single(c => (string?)c!["id"] == "RSC-FLAG-002")!;
        entry["artifacts"]!["wirePcap"] = "cases/RSC-FLAG-002/wire.pcap";
        File.WriteAllText(resultsPath, results.ToJsonString());

        var missing = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e).Run(new EvidencePackOptions(run, Path.Combine(_work, "w1.zip"))));
        File.Copy(Path.Combine(run, "cases", "RSC-FLAG-002", "sent.pcap"), Path.Combine(run, "cases", "RSC-FLAG-002", "wire.pcap"));
        var present = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e).Run(new EvidencePackOptions(run, Path.Combine(_work, "w2.zip"))));

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(1));
            Assert.That(missing.Error, Does.Contain("cases/RSC-FLAG-002/wire.pcap"));
            Assert.That(present.ExitCode, Is.EqualTo(0), present.Error);
        });
    }

    [Test]
    public void The_signing_password_comes_from_the_named_variable_only()
    {
        using var cert = SelfSigned("CN=rsc vendor A");
        var pfx = Path.Combine(_work, "pw.pfx");
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12, "s3cret"));
        var bundle = Path.Combine(_work, "pw.zip");
        var unset = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e, _ => null).Run(new EvidencePackOptions(_run, bundle, pfx, "RSC_TEST_PFX_PASSWORD")));
        var wrong = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e, _ => "Tr0ub4dor").Run(new EvidencePackOptions(_run, bundle, pfx, "RSC_TEST_PFX_PASSWORD")));
        var right = HandlerOutcome.Of((o, e) => new EvidencePackHandler(o, e, v => v == "RSC_TEST_PFX_PASSWORD" ? "s3cret" : null).Run(new EvidencePackOptions(_run, bundle, pfx, "RSC_TEST_PFX_PASSWORD")));
        Assert.Multiple(() =>
        {
            Assert.That(unset.ExitCode, Is.EqualTo(2));
            Assert.That(unset.Error, Does.Contain("RSC_TEST_PFX_PASSWORD").And.Contain("not set"));
            Assert.That(wrong.ExitCode, Is.EqualTo(2));
            Assert.That(wrong.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(wrong.Error, Does.Not.Contain("Tr0ub4dor"), "the password is never printed");
            Assert.That(right.ExitCode, Is.EqualTo(0), right.Error);
            Assert.That(right.Out, Does.Contain("signed by CN=rsc vendor A"));
        });
        Assert.That(Verify(bundle, WriteCer("pw.cer", cert)).ExitCode, Is.EqualTo(0));
    }

    private string PackSigned(string name, X509Certificate2 cert)
    {
        var pfx = Path.Combine(_work, name + ".pfx");
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12, "pw"));
        return Pack(name, pfx, "RSC_PFX_PASSWORD", v => v == "RSC_PFX_PASSWORD" ? "pw" : null);
    }

    private string WriteCer(string name, X509Certificate2 cert)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllBytes(path, cert.Export(X509ContentType.Cert));
        return path;
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12, "t"), "t", X509KeyStorageFlags.EphemeralKeySet);
    }

    private static List<string> EntryNames(string bundle)
    {
        using var zip = ZipFile.OpenRead(bundle);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    private static Dictionary<string, byte[]> EntriesOf(string bundle)
    {
        using var zip = ZipFile.OpenRead(bundle);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var e in zip.Entries)
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            result[e.FullName] = m.ToArray();
        }
        return result;
    }

    private string Rewrite(string bundle, string name, Action<Dictionary<string, byte[]>> change)
    {
        var entries = EntriesOf(bundle);
        change(entries);
        var path = Path.Combine(_work, name);
        WriteZip(path, entries);
        return path;
    }

    private static void WriteZip(string path, Dictionary<string, byte[]> entries)
    {
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(bytes);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
