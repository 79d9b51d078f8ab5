using System.Numerics;
using System.Runtime.InteropServices;

namespace Rsc.Device.Flows;

/// <summary>
/// One TCP flow in one direction: IP version, addresses and ports. Addresses are held as raw
/// native words; only equality and hashing matter, never their numeric value.
/// </summary>
internal readonly struct FlowKey : IEquatable<FlowKey>
{
    private readonly ulong _source0;
    private readonly ulong _source1;
    private readonly ulong _destination0;
    private readonly ulong _destination1;
    private readonly uint _ports;
    private readonly int _version;

    private FlowKey(ulong source0, ulong source1, ulong destination0, ulong destination1, uint ports, int version)
    {
        _source0 = source0;
        _source1 = source1;
        _destination0 = destination0;
        _destination1 = destination1;
        _ports = ports;
        _version = version;
    }

    /// <param name="addresses">The 8 address bytes of an IPv4 header (source then destination).</param>
    /// <param name="ports">The first 4 bytes of the TCP header.</param>
    public static FlowKey Ipv4(ReadOnlySpan<byte> addresses, ReadOnlySpan<byte> ports) => new(
        MemoryMarshal.Read<uint>(addresses),
        0,
        MemoryMarshal.Read<uint>(addresses[4..]),
        0,
        MemoryMarshal.Read<uint>(ports),
        4);

    /// <param name="addresses">The 32 address bytes of an IPv6 header (source then destination).</param>
    /// <param name="ports">The first 4 bytes of the TCP header.</param>
    public static FlowKey Ipv6(ReadOnlySpan<byte> addresses, ReadOnlySpan<byte> ports) => new(
        MemoryMarshal.Read<ulong>(addresses),
        MemoryMarshal.Read<ulong>(addresses[8..]),
        MemoryMarshal.Read<ulong>(addresses[16..]),
        MemoryMarshal.Read<ulong>(addresses[24..]),
        MemoryMarshal.Read<uint>(ports),
        6);

    public bool Equals(FlowKey other) =>
        _source0 == other._source0
        && _source1 == other._source1
        && _destination0 == other._destination0
        && _destination1 == other._destination1
        && _ports == other._ports
        && _version == other._version;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode() => Hash(0);

    /// <summary>A well-mixed hash; <paramref name="seed"/> keeps table layout unpredictable from the wire.</summary>
    public int Hash(ulong seed)
    {
        // Four independent multiplies (short dependency chain), then one finalising mix.
        ulong a = (_source0 ^ seed) * 0x9E37_79B9_7F4A_7C15UL;
        ulong b = (_source1 ^ _ports) * 0xC2B2_AE3D_27D4_EB4FUL;
        ulong c = (_destination0 ^ (ulong)_version) * 0x1656_67B1_9E37_79F9UL;
        ulong d = _destination1 * 0x85EB_CA77_C2B2_AE63UL;
        ulong h = BitOperations.RotateLeft(a, 17) ^ BitOperations.RotateLeft(b, 31) ^ c ^ BitOperations.RotateLeft(d, 47);
        return (int)(Mix(h) >> 32);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 29;
        x *= 0xBF58_476D_1CE4_E5B9UL;
        return x ^ (x >> 32);
    }
}
