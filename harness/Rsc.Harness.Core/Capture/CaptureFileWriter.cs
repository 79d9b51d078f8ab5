using SharpPcap;
using SharpPcap.LibPcap;

namespace Rsc.Harness.Core.Capture;

/// <summary>
/// Writes classic pcap through SharpPcap (libpcap) at nanosecond resolution, each record with its
/// own header so no timestamp is cut to microseconds, into a temporary file renamed over the target
/// (readers see the old or the new file). Where libpcap is missing, <see cref="PcapFile"/> writes
/// the same format.
/// </summary>
public static class CaptureFileWriter
{
    /// <param name="records">Timestamps in ns since the epoch, as the capture had them.</param>
    public static void Write(string path, IEnumerable<PcapRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(records);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new CaptureFileWriterDevice(temp, FileMode.CreateNew))
            {
                writer.Open(new SharpPcap.DeviceConfiguration
                {
                    TimestampResolution = TimestampResolution.Nanosecond,
                    LinkLayerType = PacketDotNet.LinkLayers.Ethernet,
                });
                foreach (var r in records)
                {
                    var header = new PcapHeader(0, 0, (uint)Math.Max(r.OriginalLength, r.Data.Length), (uint)r.Data.Length)
                    {
                        Timeval = new PosixTimeval((ulong)(r.TimestampNs / 1_000_000_000), (ulong)(r.TimestampNs % 1_000_000_000), TimestampResolution.Nanosecond),
                    };
                    writer.Write(r.Data, ref header);
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is DllNotFoundException || e is TypeInitializationException { InnerException: DllNotFoundException })
        {
            File.Delete(temp);
            PcapFile.Write(full, records);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
