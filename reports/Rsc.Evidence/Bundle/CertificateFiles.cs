using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rsc.Evidence.Bundle;

/// <summary>Loads the certificates the evidence commands take, turning every failure into one line.</summary>
public static class CertificateFiles
{
    /// <summary>A PKCS#12 (.pfx) file with its private key, for signing.</summary>
    public static X509Certificate2 LoadSigner(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new EvidenceInputException($"{path}: no such certificate file");
        }
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new EvidenceInputException($"{path}: cannot load the signing certificate (wrong password or not a PKCS#12 file): {OneLine(e.Message)}");
        }
    }

    /// <summary>A certificate (.cer/.crt, DER or PEM) a bundle's signature must come from.</summary>
    public static X509Certificate2 LoadExpected(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new EvidenceInputException($"{path}: no such certificate file");
        }
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            throw new EvidenceInputException($"{path}: not a certificate: {OneLine(e.Message)}");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
