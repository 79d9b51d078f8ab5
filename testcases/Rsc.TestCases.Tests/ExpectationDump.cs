using System.Text;
using Rsc.Harness.Cases;

namespace Rsc.TestCases.Tests;

public sealed class ExpectationDump
{
    [Test]
    public void Dump()
    {
        var text = new StringBuilder();
        foreach (var c in Catalogue.All)
        {
            foreach (var (spacing, interval) in new[] { (100_000L, 300_000L), (100_000L, 10_000_000L) })
            {
                var t = c.Build(new CaseContext(c.SpacingNs ?? spacing, c.DrainIntervalNs ?? interval));
                text.Append(c.Id).Append(' ').Append(CaseFingerprint.Of(c, t.Plan, spacing, interval)).Append('\n');
                foreach (var f in t.Plan.Frames) text.Append("  F ").Append(f.Index).Append(' ').Append(f.Label).Append('\n');
                foreach (var e in t.Expectations) text.Append("  E ").Append(e.GetType().Name).Append(' ').Append(e.Rule).Append(' ').Append(e.Level).Append(' ').Append(e.Description).Append(' ').Append(e.DependsOnTiming).Append(e.NeedsGuestFrames).Append('\n');
            }
        }
        File.WriteAllText(Environment.GetEnvironmentVariable("DUMP_TO") ?? "/tmp/expdump.txt", text.ToString());
        Assert.That(text.Length, Is.GreaterThan(0));
    }
}
