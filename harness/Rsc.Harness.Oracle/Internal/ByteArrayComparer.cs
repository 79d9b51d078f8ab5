namespace Rsc.Harness.Oracle.Internal;

/// <summary>Compares frames by content, so identical bytes find each other in a dictionary.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    public bool Equals(byte[]? left, byte[]? right) =>
        ReferenceEquals(left, right) || (left is not null && right is not null && left.AsSpan().SequenceEqual(right));

    public int GetHashCode(byte[] frame)
    {
        var hash = new HashCode();
        hash.AddBytes(frame);
        return hash.ToHashCode();
    }
}
