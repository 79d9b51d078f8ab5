using System.Buffers.Binary;
using System.Runtime.CompilerServices;
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
        if (data.Length < 32)
        {
            // Headers: the vector set-up costs more than it saves.
            return Finish(SumScalar(data));
        }
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
        return Finish(total + SumScalar(data[i..]));
    }

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/> and returns the same value as
    /// <see cref="Sum"/>, reading every byte once: a payload that is both verified and kept costs one pass.
    /// </summary>
    public static uint CopyAndSum(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        destination = destination[..source.Length];
        ulong total = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && source.Length >= 64)
        {
            var from = MemoryMarshal.Cast<byte, Vector256<ulong>>(source);
            var to = MemoryMarshal.Cast<byte, Vector256<ulong>>(destination)[..from.Length];
            var mask = Vector256.Create(0xFFFF_FFFFUL);
            var low0 = Vector256<ulong>.Zero;
            var high0 = Vector256<ulong>.Zero;
            var low1 = Vector256<ulong>.Zero;
            var high1 = Vector256<ulong>.Zero;
            int k = 0;
            // Two blocks per step with separate accumulators, so the adds do not wait on each other.
            for (; k + 1 < from.Length; k += 2)
            {
                var a = from[k];
                var b = from[k + 1];
                to[k] = a;
                to[k + 1] = b;
                low0 += a & mask;
                high0 += Vector256.ShiftRightLogical(a, 32);
                low1 += b & mask;
                high1 += Vector256.ShiftRightLogical(b, 32);
            }
            if (k < from.Length)
            {
                var a = from[k];
                to[k] = a;
                low0 += a & mask;
                high0 += Vector256.ShiftRightLogical(a, 32);
            }
            total = Vector256.Sum((low0 + high0) + (low1 + high1));
            i = from.Length * Vector256<byte>.Count;
        }
        var rest = source[i..];
        rest.CopyTo(destination[i..]);
        return Finish(total + SumScalar(rest));
    }

    /// <summary>
    /// <see cref="PseudoHeader"/> combined with the <see cref="Sum"/> of <paramref name="tcpHeader"/>, folded
    /// once instead of three times (a per-segment cost).
    /// </summary>
    public static uint PseudoHeaderAndTcpHeader(ReadOnlySpan<byte> addresses, ReadOnlySpan<byte> tcpHeader, int tcpLength)
    {
        ulong total = SumScalar(addresses) + SumScalar(tcpHeader)
            + NativeWord(Wire.ProtocolTcp) + NativeWord((uint)(tcpLength & 0xFFFF)) + NativeWord((uint)(tcpLength >> 16));
        return Finish(total);
    }

    /// <summary>A network-order 16-bit word as it adds into a native-order total.</summary>
    private static ulong NativeWord(uint word) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)word) : word;

    /// <summary>Native-order sum of a short tail (whole 32-bit words into 64 bits, then the leftovers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SumScalar(ReadOnlySpan<byte> rest)
    {
        ulong total = 0;
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
        return total;
    }

    /// <summary>Folds a native-order total and puts it back in network order.</summary>
    private static uint Finish(ulong total)
    {
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
