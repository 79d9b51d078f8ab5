using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Rsc.Evidence.Bundle;

/// <summary>
/// A detached CMS (PKCS#7) signature over manifest.json's bytes: SHA-256, one signer, the signer's
/// certificate included. Since the manifest holds every file's SHA-256, the signature covers them all.
/// </summary>
public static class ManifestSignature
{
    public static byte[] Sign(byte[] manifest, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new EvidenceInputException($"certificate {certificate.Subject} has no private key to sign with");
        }
        var cms = new SignedCms(new ContentInfo(manifest), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        try
        {
            cms.ComputeSignature(signer, silent: true);
        }
        catch (CryptographicException e)
        {
            throw new EvidenceInputException($"cannot sign with {certificate.Subject}: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
        return cms.Encode();
    }

    /// <summary>
    /// Checks <paramref name="signature"/> over <paramref name="manifest"/>; with <paramref name="expected"/>,
    /// the signer must be that certificate. Trust in the signer's chain is not judged here: pinning the
    /// certificate is what makes a signature mean something.
    /// </summary>
    public static SignatureCheck Verify(byte[] manifest, byte[] signature, X509Certificate2? expected)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(signature);
        var cms = new SignedCms(new ContentInfo(manifest), detached: true);
        try
        {
            cms.Decode(signature);
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Bad(null, $"{BundleLayout.SignatureName} is not a CMS signature");
        }
        if (cms.SignerInfos.Count != 1)
        {
            return SignatureCheck.Bad(null, $"{BundleLayout.SignatureName} has {cms.SignerInfos.Count} signers, not one");
        }
        var info = cms.SignerInfos[0];
        var signer = info.Certificate;
        try
        {
            info.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Bad(signer, $"{BundleLayout.SignatureName}: the signature does not match {BundleLayout.ManifestName}");
        }
        if (signer is null)
        {
            return SignatureCheck.Bad(null, $"{BundleLayout.SignatureName} does not carry its signer's certificate");
        }
        if (expected is not null && !signer.RawDataMemory.Span.SequenceEqual(expected.RawDataMemory.Span))
        {
            return SignatureCheck.Bad(signer, $"{BundleLayout.SignatureName}: signed by {signer.Subject} ({signer.Thumbprint}), not by {expected.Subject} ({expected.Thumbprint})");
        }
        return SignatureCheck.Good(signer, pinned: expected is not null);
    }
}

/// <summary>The outcome of checking a bundle's signature.</summary>
/// <param name="Signer">The signing certificate, where the signature names one.</param>
/// <param name="Pinned">Checked against the certificate the reviewer gave (--cert).</param>
public sealed record SignatureCheck(bool Valid, X509Certificate2? Signer, bool Pinned, string? Problem)
{
    public static SignatureCheck Good(X509Certificate2 signer, bool pinned) => new(true, signer, pinned, null);

    public static SignatureCheck Bad(X509Certificate2? signer, string problem) => new(false, signer, false, problem);

    public string SignerText => Signer is null ? "an unknown signer" : $"{Signer.Subject} ({Signer.Thumbprint})";
}
