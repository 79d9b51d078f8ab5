using Rsc.Harness.Core.Net;
using Rsc.Harness.Oracle;

namespace Rsc.TestCases.Support;

/// <summary>An inline expectation about the header of the guest frame that carried one sent frame.</summary>
internal static class GuestHeaderCheck
{
    public static Expectation Create(int sentIndex, string rule, string description, Func<ParsedPacket, string?> problem) =>
        Expect.That(rule, description, context => Check(context, sentIndex, problem));

    private static IEnumerable<Violation> Check(ExpectationContext context, int sentIndex, Func<ParsedPacket, string?> problem)
    {
        // A frame that never arrived is the oracle's conservation finding, not this check's.
        if (context.Alignment.GuestFrameOf(sentIndex) is not int guestIndex)
        {
            yield break;
        }
        var guest = context.Capture.Guest.FirstOrDefault(g => g.Index == guestIndex);
        if (guest is null)
        {
            yield break;
        }
        var packet = ParsedPacket.Parse(guest.Frame);
        string? message = packet.IsTcp
            ? problem(packet)
            : $"guest frame is not a readable TCP segment ({packet.MalformedReason ?? packet.Shape.ToString()})";
        if (message is not null)
        {
            yield return new Violation(message, [guestIndex], [sentIndex]);
        }
    }
}
