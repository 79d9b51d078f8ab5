using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.Cli;

/// <summary>`rsc evidence pack|verify|show` end to end: a real run made by `rsc run`, packed, checked, tampered with.</summary>
public sealed class EvidenceCommandTests
{
    private const string FaultyDut = "reference:fault=psh-from-last";
    private const string TamperedEntry = "run/cases/RSC-FLAG-001/guest.pcap";
    private TempFolder _work = null!;
    private string _run = "";

    [OneTimeSetUp]
    public void MakeRun()
    {
        _work = new TempFolder();
        _run = _work["run"];
        var run = new ReferenceCli().Run("run", "--dut", FaultyDut, "--section", "FLAG", "--out", _run);
        Assert.That(run.ExitCode, Is.EqualTo(1), $"psh-from-last must fail a FLAG case\n{run}");
    }

    [OneTimeTearDown]
    public void RemoveRun() => _work.Dispose();

    private string Pack(ReferenceCli cli, string name, params string[] more)
    {
        var bundle = _work[name];
        var pack = cli.Run(["evidence", "pack", "--in", _run, "--out", bundle, .. more]);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        return bundle;
    }

    [Test]
    public void A_packed_run_verifies_and_shows_its_device_and_verdicts()
    {
        var cli = new ReferenceCli();
        var bundle = _work["plain.zip"];

        var pack = cli.Run("evidence", "pack", "--in", _run, "--out", bundle);
        var verify = cli.Run("evidence", "verify", bundle);
        var show = cli.Run("evidence", "show", bundle);

        var results = ResultsJson.ReadFile(Path.Combine(_run, "results.json"));
        var s = results.Summary;
        Assert.Multiple(() =>
        {
            Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
            Assert.That(pack.Out, Does.StartWith($"rsc: packed ").And.Contain($"of {FaultyDut} ({results.Cases.Count} cases, complete").And.EndWith("unsigned\n"));
            Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
            Assert.That(verify.Out, Does.StartWith($"rsc: {bundle}: OK, ").And.Contain($"{results.Cases.Count} cases ({s.Fail} fail, {s.Error} error), complete; unsigned"));
            Assert.That(verify.Error, Is.Empty);
            Assert.That(show.ExitCode, Is.Zero, show.ToString());
            Assert.That(show.Out, Does.Contain($"device       {FaultyDut}: kind reference, version {results.Dut.Version}, Virtual clock"));
            Assert.That(show.Out, Does.Contain($"verdicts     {s.Total} judged: {s.Pass} pass, {s.NonStrict} non-strict, {s.Fail} fail, {s.Info} info, {s.Error} error"));
            Assert.That(show.Out, Does.Contain($"catalogue    sha256:{results.Catalogue?.Sha256} (rsc-catalogue/1, {Catalogue.All.Count} cases)"));
            Assert.That(show.Out, Does.Contain("integrity    every file matches the manifest"));
        });
        Assert.That(s.Fail, Is.Positive, "the run must hold real failures");
    }

    [Test]
    public void The_run_records_the_catalogue_hash_at_its_settings_for_the_bundle()
    {
        var results = ResultsJson.ReadFile(Path.Combine(_run, "results.json"));
        var expected = CatalogueFingerprint.Compute((long)(results.Settings.SpacingUs * 1000), (long)(results.Settings.IntervalUs * 1000));

        Assert.That(results.Catalogue, Is.EqualTo(expected));

        var bundle = Pack(new ReferenceCli(), "catalogue.zip");
        using var zip = ZipFile.OpenRead(bundle);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.That(manifest.RootElement.GetProperty("catalogue").GetProperty("sha256").GetString(), Is.EqualTo(expected.Sha256));
    }

    [Test]
    public void A_changed_byte_fails_verify_and_show_naming_the_file()
    {
        var cli = new ReferenceCli();
        var bundle = Pack(cli, "tampered.zip");
        using (var zip = ZipFile.Open(bundle, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(TamperedEntry) ?? throw new AssertionException($"{TamperedEntry} is not in the bundle");
            byte[] bytes;
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            bytes[bytes.Length / 2] ^= 0x01;
            entry.Delete();
            using var replaced = zip.CreateEntry(TamperedEntry).Open();
            replaced.Write(bytes);
        }

        var verify = cli.Run("evidence", "verify", bundle);
        var show = cli.Run("evidence", "show", bundle);

        Assert.Multiple(() =>
        {
            Assert.That(verify.ExitCode, Is.EqualTo(1), verify.ToString());
            Assert.That(verify.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(verify.Error, Does.StartWith($"rsc: {bundle}: ").And.Contain(TamperedEntry));
            Assert.That(verify.Out, Is.Empty);
            Assert.That(show.ExitCode, Is.EqualTo(1), show.ToString());
            Assert.That(show.Out, Does.Contain("integrity    FAILED: ").And.Contain(TamperedEntry));
        });
    }

    [TestCase("garbage")]
    [TestCase("")]
    public void A_file_that_is_not_a_bundle_is_one_line_and_exit_2(string content)
    {
        var cli = new ReferenceCli();
        var file = _work[$"not-a-bundle-{content.Length}.zip"];
        File.WriteAllText(file, content);

        var verify = cli.Run("evidence", "verify", file);
        var show = cli.Run("evidence", "show", file);

        Assert.Multiple(() =>
        {
            Assert.That(verify.ExitCode, Is.EqualTo(2), verify.ToString());
            Assert.That(verify.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(verify.Error, Does.StartWith("rsc: "));
            Assert.That(show.ExitCode, Is.EqualTo(2), show.ToString());
            Assert.That(show.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(show.Out, Is.Empty);
        });
    }

    [Test]
    public void A_signed_bundle_verifies_against_its_certificate_and_not_against_another()
    {
        var cli = new ReferenceCli();
        var (pfx, cer) = Certificate("CN=rsc test vendor", "s3cret", "vendor");
        var (_, otherCer) = Certificate("CN=someone else", "other", "other");
        cli.Variables["RSC_TEST_PFX_PASSWORD"] = "s3cret";

        var pack = cli.Run("evidence", "pack", "--in", _run, "--out", _work["signed.zip"], "--sign", pfx, "--password-env", "RSC_TEST_PFX_PASSWORD");
        var pinned = cli.Run("evidence", "verify", _work["signed.zip"], "--cert", cer);
        var other = cli.Run("evidence", "verify", _work["signed.zip"], "--cert", otherCer);
        var unpinned = cli.Run("evidence", "show", _work["signed.zip"]);

        Assert.Multiple(() =>
        {
            Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
            Assert.That(pack.Out, Does.EndWith(", signed by CN=rsc test vendor\n"));
            Assert.That(pack.Out + pack.Error, Does.Not.Contain("s3cret"));
            Assert.That(pinned.ExitCode, Is.Zero, pinned.ToString());
            Assert.That(pinned.Out, Does.Match(@"; signed by CN=rsc test vendor \([0-9A-F]{40}\) \(required\)\n$"));
            Assert.That(other.ExitCode, Is.EqualTo(1), other.ToString());
            Assert.That(other.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(unpinned.ExitCode, Is.Zero, unpinned.ToString());
            Assert.That(unpinned.Out, Does.Contain("not checked against a trusted certificate"));
        });
    }

    [Test]
    public void An_unsigned_bundle_fails_when_a_signer_is_required()
    {
        var cli = new ReferenceCli();
        var bundle = Pack(cli, "unsigned.zip");
        var (_, cer) = Certificate("CN=rsc required signer", "x", "required");

        var verify = cli.Run("evidence", "verify", bundle, "--cert", cer);

        Assert.Multiple(() =>
        {
            Assert.That(verify.ExitCode, Is.EqualTo(1), verify.ToString());
            Assert.That(verify.Error, Does.Contain("unsigned").And.Contain("CN=rsc required signer"));
        });
    }

    [Test]
    public void A_folder_that_is_not_a_run_is_not_packed()
    {
        var cli = new ReferenceCli();
        Directory.CreateDirectory(_work["empty"]);

        var pack = cli.Run("evidence", "pack", "--in", _work["empty"], "--out", _work["empty.zip"]);

        Assert.Multiple(() =>
        {
            Assert.That(pack.ExitCode, Is.EqualTo(2), pack.ToString());
            Assert.That(pack.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(File.Exists(_work["empty.zip"]), Is.False);
        });
    }

    [TestCase(new[] { "evidence", "pack", "--in", "x" }, "rsc: 'rsc evidence pack' needs --out BUNDLE.zip; see 'rsc help evidence pack'\n")]
    [TestCase(new[] { "evidence", "pack", "--in", "x", "--out", "y.zip", "--password-env", "P" }, "rsc: --password-env needs --sign\n")]
    [TestCase(new[] { "evidence", "verify" }, "rsc: 'rsc evidence verify' needs an evidence bundle (see 'rsc evidence pack'); see 'rsc help evidence verify'\n")]
    [TestCase(new[] { "evidence", "shwo", "b.zip" }, "rsc: unknown command 'shwo' for 'rsc evidence' (did you mean 'show'?); see 'rsc help evidence'\n")]
    [TestCase(new[] { "evidence" }, "rsc: 'rsc evidence' needs a command; see 'rsc help evidence'\n")]
    public void Mistakes_are_one_line_and_exit_2(string[] args, string message)
    {
        var r = new ReferenceCli().Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Error, Is.EqualTo(message));
            Assert.That(r.Out, Is.Empty);
        });
    }

    [Test]
    public void An_unset_password_variable_is_named_and_nothing_is_packed()
    {
        var cli = new ReferenceCli();
        var (pfx, _) = Certificate("CN=rsc test vendor", "s3cret", "unset");

        var pack = cli.Run("evidence", "pack", "--in", _run, "--out", _work["nopw.zip"], "--sign", pfx, "--password-env", "RSC_TEST_UNSET");

        Assert.Multiple(() =>
        {
            Assert.That(pack.ExitCode, Is.EqualTo(2));
            Assert.That(pack.Error, Is.EqualTo("rsc: environment variable RSC_TEST_UNSET (--password-env) is not set\n"));
            Assert.That(File.Exists(_work["nopw.zip"]), Is.False);
        });
    }

    /// <summary>A throwaway self-signed certificate: a password-protected PFX and the DER certificate.</summary>
    private (string Pfx, string Cer) Certificate(string subject, string password, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        // Signing checks validity against the machine's own clock, not the run's.
        var now = TimeProvider.System.GetUtcNow();
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var pfx = _work[$"{name}.pfx"];
        var cer = _work[$"{name}.cer"];
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12, password));
        File.WriteAllBytes(cer, cert.Export(X509ContentType.Cert));
        return (pfx, cer);
    }
}
