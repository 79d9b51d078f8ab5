using System.Text;
using Rsc.Harness.Running;

namespace Rsc.Harness.Live.Tests;

/// <summary>What <see cref="RerunPolicy"/> did over a run: every case's last result, every rerun, every case that failed twice.</summary>
internal sealed record RerunReport(IReadOnlyList<CaseResult> Results, IReadOnlyList<Rerun> Reruns, IReadOnlyList<Rerun> FailedTwice)
{
    /// <summary>Every rerun and why, one a line, and the cases that failed again; for the test output and its attachment.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(Reruns.Count == 0 ? "no reruns" : $"{Reruns.Count} rerun(s), each made after this result:");
        foreach (var rerun in Reruns)
        {
            text.AppendLine($"  {rerun}");
        }
        foreach (var again in FailedTwice)
        {
            text.AppendLine($"failed again: {again}");
        }
        return text.ToString();
    }

    /// <summary>Fails the calling test, naming each case that did not pass twice in a row (it would need a second rerun).</summary>
    public void AssertNoCaseFailedTwice() =>
        Assert.That(
            FailedTwice.Select(r => r.CaseId),
            Is.Empty,
            () => $"{FailedTwice.Count} case(s) did not pass twice in a row and would need a second rerun: {string.Join("; ", FailedTwice)}");
}
