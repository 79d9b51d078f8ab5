using System.Globalization;

namespace Rsc.Harness.Qemu.Qtest;

/// <summary>
/// One answer line of QEMU's qtest protocol: <c>OK</c>, <c>OK VALUE</c>, <c>FAIL REASON</c> or
/// <c>ERR REASON</c>. Asynchronous <c>IRQ raise N</c> / <c>IRQ lower N</c> lines are not answers.
/// </summary>
internal readonly record struct QtestResponse(bool Ok, string Payload)
{
    /// <summary>True for an asynchronous interrupt notice, which answers no command.</summary>
    public static bool IsAsynchronous(string line) =>
        line.StartsWith("IRQ ", StringComparison.Ordinal) || line == "IRQ";

    /// <summary>Splits an answer line; null when it is not an answer (see <see cref="IsAsynchronous"/>).</summary>
    public static QtestResponse? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.TrimEnd('\r');
        if (IsAsynchronous(text))
        {
            return null;
        }
        if (text == "OK")
        {
            return new QtestResponse(true, "");
        }
        if (text.StartsWith("OK ", StringComparison.Ordinal))
        {
            return new QtestResponse(true, text[3..].Trim());
        }
        return new QtestResponse(false, text);
    }

    /// <summary>The payload as a number (<c>0x1af4</c> or decimal).</summary>
    public ulong Number()
    {
        var p = Payload;
        if (p.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (ulong.TryParse(p.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return hex;
            }
        }
        else if (ulong.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var dec))
        {
            return dec;
        }
        throw new FormatException($"qtest answer 'OK {p}' carries no number");
    }

    /// <summary>The payload of a <c>read</c> answer (<c>0x0011aabb...</c>) as bytes.</summary>
    public byte[] HexBytes()
    {
        var p = Payload;
        if (!p.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || (p.Length % 2) != 0)
        {
            throw new FormatException($"qtest answer 'OK {Shorten(p)}' is not 0x followed by hex bytes");
        }
        return Convert.FromHexString(p.AsSpan(2));
    }

    /// <summary>The payload of a <c>b64read</c> answer as bytes.</summary>
    public byte[] Base64Bytes()
    {
        try
        {
            return Convert.FromBase64String(Payload);
        }
        catch (FormatException e)
        {
            throw new FormatException($"qtest answer 'OK {Shorten(Payload)}' is not base64", e);
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
