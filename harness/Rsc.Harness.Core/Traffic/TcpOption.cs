using System.Buffers.Binary;
using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Core.Traffic;

/// <summary>A TCP option as the traffic model writes it.</summary>
public abstract record TcpOption
{
    public abstract int Length { get; }
    public abstract void Write(Span<byte> destination);

    public static TcpOption Nop { get; } = new NopOption();

    /// <summary>Timestamps laid out the way real stacks send them: NOP, NOP, kind 8 (12 bytes).</summary>
    public static IReadOnlyList<TcpOption> AlignedTimestamp(uint tsVal, uint tsEcr) => [Nop, Nop, new TimestampOption(tsVal, tsEcr)];
}

public sealed record NopOption : TcpOption
{
    public override int Length => 1;
    public override void Write(Span<byte> destination) => destination[0] = TcpOptionKinds.Nop;
}

public sealed record TimestampOption(uint TsVal, uint TsEcr) : TcpOption
{
    public override int Length => 10;
    public override void Write(Span<byte> destination)
    {
        destination[0] = TcpOptionKinds.Timestamp;
        destination[1] = 10;
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], TsVal);
        BinaryPrimitives.WriteUInt32BigEndian(destination[6..], TsEcr);
    }
}

public sealed record MssOption(ushort Mss) : TcpOption
{
    public override int Length => 4;
    public override void Write(Span<byte> destination)
    {
        destination[0] = TcpOptionKinds.Mss;
        destination[1] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Mss);
    }
}

public sealed record WindowScaleOption(byte Shift) : TcpOption
{
    public override int Length => 3;
    public override void Write(Span<byte> destination)
    {
        destination[0] = TcpOptionKinds.WindowScale;
        destination[1] = 3;
        destination[2] = Shift;
    }
}

public sealed record SackOption(IReadOnlyList<(uint Left, uint Right)> Blocks) : TcpOption
{
    public override int Length => 2 + (8 * Blocks.Count);
    public override void Write(Span<byte> destination)
    {
        destination[0] = TcpOptionKinds.Sack;
        destination[1] = (byte)Length;
        for (int i = 0; i < Blocks.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(2 + (8 * i))..], Blocks[i].Left);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(6 + (8 * i))..], Blocks[i].Right);
        }
    }
}

/// <summary>Any bytes, for options the model does not name (or deliberately broken ones).</summary>
public sealed record RawOption(byte[] Bytes) : TcpOption
{
    public override int Length => Bytes.Length;
    public override void Write(Span<byte> destination) => Bytes.CopyTo(destination);
}
