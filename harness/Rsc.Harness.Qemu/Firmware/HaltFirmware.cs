namespace Rsc.Harness.Qemu.Firmware;

/// <summary>
/// A 64 KiB BIOS image that does nothing but halt: <c>hlt</c> (0xF4) everywhere and <c>cli; hlt</c>
/// (FA F4) at the reset vector (offset 0xFFF0). The vCPU idles while the harness, through qtest,
/// plays the guest driver and does all PCI set-up itself.
/// </summary>
public static class HaltFirmware
{
    public const int Size = 64 * 1024;
    public const int ResetVector = 0xFFF0;
    public const byte Hlt = 0xF4;
    public const byte Cli = 0xFA;

    public static byte[] Build()
    {
        var image = new byte[Size];
        Array.Fill(image, Hlt);
        image[ResetVector] = Cli;
        image[ResetVector + 1] = Hlt;
        return image;
    }

    /// <summary>Writes the image to <paramref name="path"/> (replacing any file there).</summary>
    public static void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllBytes(path, Build());
    }
}
