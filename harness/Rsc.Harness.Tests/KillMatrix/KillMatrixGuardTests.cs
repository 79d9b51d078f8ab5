using Rsc.Device;
using Rsc.Harness.KillMatrix;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.KillMatrix;

/// <summary>
/// The whole catalogue against the real reference device, fault-free and with every named fault:
/// the fault-free device must pass every case and every fault must be caught by some case.
/// </summary>
[NonParallelizable]
public sealed class KillMatrixGuardTests
{
    private KillMatrixResult _result = null!;

    [OneTimeSetUp]
    public async Task RunTheMatrix() =>
        _result = await new KillMatrixRunner(Catalogue.All, RscFaults.Names).RunAsync(CancellationToken.None);

    [Test]
    public void Every_fault_and_every_case_was_run()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_result.Rows.Select(r => r.Fault), Is.EqualTo(RscFaults.Names.Prepend(null)));
            Assert.That(_result.Rows.Select(r => r.Cells.Count), Is.All.EqualTo(Catalogue.All.Count));
        });
    }

    [Test]
    public void The_fault_free_reference_device_passes_every_case()
    {
        var failures = _result.BaselineFailures.Select(c => $"{c.CaseId}: {c.Outcome}{(c.Note is null ? "" : " - " + Shorten(c.Note))}").ToList();
        Assert.That(failures, Is.Empty, "the fault-free reference device did not pass every case");
    }

    [Test]
    public void Every_fault_is_caught_by_at_least_one_case()
    {
        var escaped = _result.FaultRows.Where(r => !r.Caught).Select(r =>
            $"{r.Fault}: {r.Count(Core.Outcome.Fail)} fail (all also failing on the fault-free device), {r.Count(Core.Outcome.NonStrict)} non-strict, {r.Count(Core.Outcome.Error)} error");
        Assert.That(escaped.ToList(), Is.Empty, "no case catches these faults");
    }

    private static string Shorten(string note) => note.Length <= 200 ? note : string.Concat(note.AsSpan(0, 197), "...");
}
