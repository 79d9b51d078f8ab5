using Rsc.Harness.Cases;

namespace Rsc.TestCases.Sources;

/// <summary>
/// The sources a case's <c>Source</c> string may name (R, E, IPH, IND, EX, PC, OID, NBL, VS, SEED):
/// what each key stands for and where it is published. <c>testcases/rules.md</c> restates each one
/// under the key's anchor; the catalogue's tests keep the two in step.
/// </summary>
public static class SourceCatalog
{
    private const string NdisPages = "https://learn.microsoft.com/en-us/windows-hardware/drivers/network/";

    public static IReadOnlyList<SourceDocument> All { get; } =
    [
        new("R", "Rules for Coalescing TCP/IP Segments (NDIS RSC)", NdisPages + "rules-for-coalescing-tcp-ip-packets"),
        new("E", "Exception Conditions that Terminate Coalescing (NDIS RSC)", NdisPages + "exception-conditions-that-terminate-coalescing"),
        new("IPH", "Updating the IP Headers for Coalesced Segments (NDIS RSC)", NdisPages + "updating-the-ip-headers-for-coalesced-segments"),
        new("IND", "Indicating Coalesced Segments (NDIS RSC)", NdisPages + "indicating-coalesced-segments"),
        new("EX", "Examples of Receive Segment Coalescing (NDIS RSC)", NdisPages + "examples-of-receive-segment-coalescing"),
        new("PC", "Programming Considerations for RSC Drivers (NDIS RSC)", NdisPages + "programming-considerations-for-rsc-drivers"),
        new("OID", "OID_TCP_RSC_STATISTICS (NDIS RSC)", NdisPages + "oid-tcp-rsc-statistics"),
        new("NBL", "NDIS_RSC_NBL_INFO union (nblrsc.h)", "https://learn.microsoft.com/windows-hardware/drivers/ddi/nblrsc/ns-nblrsc-ndis_rsc_nbl_info"),
        new("VS", "Virtio 1.2, Device Types / Network Device: VIRTIO_NET_F_RSC_EXT and the virtio_net_hdr fields", "https://docs.oasis-open.org/virtio/virtio/v1.2/virtio-v1.2.html"),
        new("SEED", "QEMU virtio-net RSC (hw/net/virtio-net.c) and its patch review", "https://gitlab.com/qemu-project/qemu/-/blob/master/hw/net/virtio-net.c"),
    ];

    private static readonly Dictionary<string, SourceDocument> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    private static readonly char[] Separators = [',', '/', ' ', '\t'];

    /// <summary>The source with this key (exact, upper case), or null.</summary>
    public static SourceDocument? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>
    /// The sources a case's <c>Source</c> string names, in the order it names them ("R, IPH" gives R
    /// then IPH; a key named twice counts once). Keys are separated by commas, slashes or spaces.
    /// </summary>
    /// <exception cref="FormatException">The string names no key, or a key the catalogue does not know (all such keys are listed).</exception>
    public static IReadOnlyList<SourceDocument> Parse(string source)
    {
        var keys = source.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            throw new FormatException("a source names no key");
        }
        var unknown = keys.Where(k => !ByKey.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException(
                $"unknown source key(s) {string.Join(", ", unknown)} in \"{source}\" (known: {string.Join(", ", ByKey.Keys)})");
        }
        return [.. keys.Select(k => ByKey[k])];
    }

    /// <summary>What <c>rsc list --format json</c> prints as a case's <c>sources</c>.</summary>
    public static IReadOnlyList<SourceDocument> For(ConformanceCase conformanceCase) => Parse(conformanceCase.Source);
}
