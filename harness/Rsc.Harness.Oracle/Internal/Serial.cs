namespace Rsc.Harness.Oracle.Internal;

/// <summary>Sequence-space comparison modulo 2^32 (RFC 1982 style), for TSval.</summary>
internal static class Serial
{
    public static bool Before(uint value, uint reference) => unchecked((int)(value - reference)) < 0;
}
