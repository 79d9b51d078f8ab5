namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The guest frame holding one sent frame comes strictly before the one holding another.</summary>
internal sealed class DeliveredInOrderExpectation(int earlier, int later)
    : Expectation(Rules.ExpectationRules.DeliveredInOrder, $"sent {earlier} is delivered in a guest frame before sent {later}'s")
{
    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var earlierFrame = context.Alignment.GuestFrameOf(earlier);
        var laterFrame = context.Alignment.GuestFrameOf(later);
        if (earlierFrame is null || laterFrame is null)
        {
            string missing = string.Join(" and ", new[] { (Sent: earlier, Guest: earlierFrame), (Sent: later, Guest: laterFrame) }
                .Where(pair => pair.Guest is null).Select(pair => $"sent {pair.Sent}"));
            yield return new Violation($"sent {earlier} expected before sent {later}; observed {missing} not delivered",
                new[] { earlierFrame, laterFrame }.Where(frame => frame is not null).Select(frame => frame!.Value).ToList(), [earlier, later]);
        }
        else if (earlierFrame >= laterFrame)
        {
            string observed = earlierFrame == laterFrame
                ? $"both in guest frame {earlierFrame}"
                : $"sent {earlier} in guest frame {earlierFrame}, after sent {later} in guest frame {laterFrame}";
            yield return new Violation($"sent {earlier} expected in a guest frame before sent {later}'s; observed {observed}",
                earlierFrame == laterFrame ? [earlierFrame.Value] : [laterFrame.Value, earlierFrame.Value], [earlier, later]);
        }
    }
}
