using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rsc.Device.Net;

/// <summary>
/// RFC 1071 ones'-complement arithmetic for the engine. Partial sums are 16-bit values with
/// network-order meaning, so they can be combined across headers and payload pieces.
/// </summary>
internal static class InternetChecksum
{
    /// <summary>The folded sum of <paramref name="data"/> as if it started at an even offset.</summary>
    public static uint Sum(ReadOnlySpan<byte> data)
    {
        // The ones'-complement sum is independent of byte order (RFC 1071 §2(B)): add native
        // 32-bit words into 64-bit lanes (low and high halves apart, so nothing carries out) and
        // swap the folded result once at the end.
        ulong total = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && data.Length >= 32)
        {
            var vectors = MemoryMarshal.Cast<byte, Vector256<ulong>>(data);
            var mask = Vector256.Create(0xFFFF_FFFFUL);
            var low = Vector256<ulong>.Zero;
            var high = Vector256<ulong>.Zero;
            foreach (var v in vectors)
            {
                low += v & mask;
                high += Vector256.ShiftRightLogical(v, 32);
            }
            total = Vector256.Sum(low + high);
            i = vectors.Length * Vector256<byte>.Count;
        }
        else if (Vector128.IsHardwareAccelerated && data.Length >= 16)
        {
            var vectors = MemoryMarshal.Cast<byte, Vector128<ulong>>(data);
            var mask = Vector128.Create(0xFFFF_FFFFUL);
            var low = Vector128<ulong>.Zero;
            var high = Vector128<ulong>.Zero;
            foreach (var v in vectors)
            {
                low += v & mask;
                high += Vector128.ShiftRightLogical(v, 32);
            }
            total = Vector128.Sum(low + high);
            i = vectors.Length * Vector128<byte>.Count;
        }
        var rest = data[i..];
        var longs = MemoryMarshal.Cast<byte, ulong>(rest);
        foreach (ulong x in longs)
        {
            total += (x & 0xFFFF_FFFF) + (x >> 32);
        }
        int j = longs.Length * sizeof(ulong);
        if (j + 4 <= rest.Length)
        {
            total += MemoryMarshal.Read<uint>(rest[j..]);
            j += 4;
        }
        if (j + 2 <= rest.Length)
        {
            total += MemoryMarshal.Read<ushort>(rest[j..]);
            j += 2;
        }
        if (j < rest.Length)
        {
            // A trailing byte is the high half of a network-order word.
            total += BitConverter.IsLittleEndian ? rest[j] : (ulong)rest[j] << 8;
        }
        uint folded = Fold(total);
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)folded) : folded;
    }

    /// <summary>Adds two partial sums.</summary>
    public static uint Combine(uint a, uint b) => Fold((ulong)a + b);

    /// <summary>A partial sum of bytes that start at an odd offset of the checksummed stream.</summary>
    public static uint ShiftedByOneByte(uint partial) => ((partial & 0xFF) << 8) | (partial >> 8);

    /// <summary>The value written into a checksum field.</summary>
    public static ushort Complement(uint sum) => (ushort)~sum;

    /// <summary>A checksum verifies when the sum over the covered bytes, field included, is all ones.</summary>
    public static bool Verifies(uint sum) => sum == 0xFFFF;

    /// <summary>Sum of the TCP pseudo-header (addresses, protocol 6, TCP length).</summary>
    public static uint PseudoHeader(ReadOnlySpan<byte> addresses, int tcpLength)
    {
        uint sum = Sum(addresses);
        return Combine(sum, Fold(6u + (uint)(tcpLength & 0xFFFF) + (uint)(tcpLength >> 16)));
    }

    private static uint Fold(ulong sum)
    {
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (uint)sum;
    }
}
