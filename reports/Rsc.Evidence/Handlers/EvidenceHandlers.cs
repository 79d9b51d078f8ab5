using System.Globalization;
using Rsc.Evidence.Bundle;

namespace Rsc.Evidence.Handlers;

/// <summary>`rsc evidence pack --in RUN_DIR --out BUNDLE.zip [--sign CERT.pfx [--password-env VAR]]`.</summary>
/// <param name="PasswordVariable">The name of the environment variable holding the PFX password (never the password itself).</param>
public sealed record EvidencePackOptions(string RunFolder, string Output, string? SigningCertificate = null, string? PasswordVariable = null);

/// <summary>`rsc evidence verify BUNDLE.zip [--cert CERT.cer]`.</summary>
public sealed record EvidenceVerifyOptions(string Bundle, string? Certificate = null);

/// <summary>`rsc evidence show BUNDLE.zip [--cert CERT.cer]`.</summary>
public sealed record EvidenceShowOptions(string Bundle, string? Certificate = null);

/// <summary>Packs a run folder into an evidence bundle. Exit 0 packed; 1 the run's evidence is incomplete (a named artifact is missing); 2 bad input.</summary>
public sealed class EvidencePackHandler(TextWriter output, TextWriter error, Func<string, string?>? environment = null)
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public int Run(EvidencePackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            if (options.PasswordVariable is not null && options.SigningCertificate is null)
            {
                throw new EvidenceInputException("--password-env needs --sign");
            }
            string? password = null;
            if (options.PasswordVariable is { } variable)
            {
                password = _environment(variable) ?? throw new EvidenceInputException($"environment variable {variable} (--password-env) is not set");
            }
            using var signer = options.SigningCertificate is { } pfx ? CertificateFiles.LoadSigner(pfx, password) : null;
            var manifest = EvidencePacker.Pack(options.RunFolder, options.Output, signer);
            var r = manifest.Run;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rsc: packed {manifest.Files.Count} files of {manifest.Device.Name} ({r.Summary.Total} cases, {BundleSummary.Completeness(r)}) into {options.Output}{(signer is null ? ", unsigned" : $", signed by {signer.Subject}")}"));
            return ExitCode.Success;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
        catch (EvidenceIncompleteException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rsc: cannot write {options.Output}: {e.Message.ReplaceLineEndings(" ").Trim()}");
            return ExitCode.Usage;
        }
    }
}

/// <summary>Checks a bundle. Exit 0 with one summary line; 1 naming the first changed, missing or extra file or the bad signature; 2 not a bundle.</summary>
public sealed class EvidenceVerifyHandler(TextWriter output, TextWriter error)
{
    public int Run(EvidenceVerifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var expected = options.Certificate is { } cer ? CertificateFiles.LoadExpected(cer) : null;
            var v = BundleVerifier.Verify(options.Bundle, expected);
            if (v.Status == VerificationStatus.Valid)
            {
                var m = v.Manifest!;
                var sig = v.Signature is null ? "unsigned" : v.Signature.Pinned ? $"signed by {v.Signature.SignerText} (required)" : $"signed by {v.Signature.SignerText} (not checked against a trusted certificate)";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rsc: {options.Bundle}: OK, {v.FileCount} files match the manifest; {m.Device.Name} {m.Device.Version}, {m.Run.Summary.Total} cases ({m.Run.Summary.Fail} fail, {m.Run.Summary.Error} error), {(m.Run.Complete == true ? "complete" : m.Run.Complete is null ? "completeness unknown" : "INCOMPLETE")}; {sig}"));
            }
            else
            {
                error.WriteLine(v.Status == VerificationStatus.Invalid ? $"rsc: {options.Bundle}: {v.Problem}" : $"rsc: {v.Problem}");
            }
            return v.ExitCode;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
    }
}

/// <summary>Prints the bundle's summary. Exit codes as verify: a bundle that does not verify is shown, marked, and exits 1.</summary>
public sealed class EvidenceShowHandler(TextWriter output, TextWriter error)
{
    public int Run(EvidenceShowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var expected = options.Certificate is { } cer ? CertificateFiles.LoadExpected(cer) : null;
            var v = BundleVerifier.Verify(options.Bundle, expected);
            if (v.Manifest is null)
            {
                error.WriteLine(v.Status == VerificationStatus.Invalid ? $"rsc: {options.Bundle}: {v.Problem}" : $"rsc: {v.Problem}");
                return v.ExitCode;
            }
            output.Write(BundleSummary.Render(options.Bundle, v));
            return v.ExitCode;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
    }
}
