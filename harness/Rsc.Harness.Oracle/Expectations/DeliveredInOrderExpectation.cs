namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The guest frame holding one sent frame comes strictly before the one holding another.</summary>
internal sealed class DeliveredInOrderExpectation(int earlier, int later)
    : Expectation(Rules.ExpectationRules.DeliveredInOrder, $"sent {earlier} is delivered in a guest frame before sent {later}'s")
{
    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var a = context.Alignment.GuestFrameOf(earlier);
        var b = context.Alignment.GuestFrameOf(later);
        if (a is null || b is null)
        {
            string missing = string.Join(" and ", new[] { (earlier, a), (later, b) }.Where(x => x.Item2 is null).Select(x => $"sent {x.Item1}"));
            yield return new Violation($"sent {earlier} expected before sent {later}; observed {missing} not delivered",
                new[] { a, b }.Where(x => x is not null).Select(x => x!.Value).ToList(), [earlier, later]);
        }
        else if (a >= b)
        {
            string observed = a == b ? $"both in guest frame {a}" : $"sent {earlier} in guest frame {a}, after sent {later} in guest frame {b}";
            yield return new Violation($"sent {earlier} expected in a guest frame before sent {later}'s; observed {observed}", a == b ? [a.Value] : [b.Value, a.Value], [earlier, later]);
        }
    }
}
