using Rsc.Harness.Core;
using Rsc.Harness.KillMatrix;
using Rsc.Harness.Oracle;
using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests.KillMatrix;

public sealed class KillMatrixRunnerTests
{
    private static readonly string[] Ids = ["RSC-ACK-001", "RSC-FLAG-001", "RSC-FLAG-002"];

    private static KillMatrixRunner Runner(MatrixDoubles doubles, IReadOnlyList<string> faults, int parallelism = 1) =>
        new(MatrixDoubles.Cases(Ids), faults)
        {
            CreateFactory = doubles.Factory,
            CreateRunner = doubles.Runner,
            MaxParallelism = parallelism,
        };

    [Test]
    public async Task Runs_the_fault_free_device_first_then_each_fault_in_order()
    {
        var doubles = new MatrixDoubles();
        var progress = new List<string?>();

        var result = await Runner(doubles, ["b", "a"]).RunAsync(r => progress.Add(r.Fault), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(doubles.Specs, Is.EqualTo(new[] { "reference", "reference:fault=b", "reference:fault=a" }));
            Assert.That(progress, Is.EqualTo(new string?[] { null, "b", "a" }));
            Assert.That(result.CaseIds, Is.EqualTo(Ids));
            Assert.That(result.Rows.Select(r => r.Cells.Select(c => c.CaseId)), Is.All.EqualTo(Ids));
        });
    }

    [Test]
    public async Task A_fault_some_case_fails_is_caught_and_one_no_case_fails_escapes()
    {
        var doubles = new MatrixDoubles()
            .With("reference:fault=a", "RSC-FLAG-001")
            .With("reference:fault=a", "RSC-FLAG-002")
            .With("reference:fault=b", "RSC-ACK-001", Severity.NonStrict);

        var result = await Runner(doubles, ["a", "b"]).RunAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.FaultRows[0].Caught, Is.True);
            Assert.That(result.FaultRows[0].KillingCases, Is.EqualTo(new[] { "RSC-FLAG-001", "RSC-FLAG-002" }));
            Assert.That(result.FaultRows[1].Caught, Is.False, "non-strict does not catch a fault");
            Assert.That(result.FaultRows[1].Count(Outcome.NonStrict), Is.EqualTo(1));
            Assert.That(result.Escaped, Is.EqualTo(new[] { "b" }));
            Assert.That(result.BaselineFailures, Is.Empty);
            Assert.That(result.IsClean, Is.False);
        });
    }

    [Test]
    public async Task A_case_failing_on_the_fault_free_device_catches_no_fault()
    {
        var doubles = new MatrixDoubles()
            .With("reference", "RSC-ACK-001")
            .With("reference:fault=a", "RSC-ACK-001");

        var result = await Runner(doubles, ["a"]).RunAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Baseline!.KillingCases, Is.EqualTo(new[] { "RSC-ACK-001" }));
            Assert.That(result.BaselineFailures.Select(c => c.CaseId), Is.EqualTo(new[] { "RSC-ACK-001" }));
            Assert.That(result.BaselineFailures[0].Note, Does.StartWith("IPH.psh-or: "));
            Assert.That(result.FaultRows[0].Count(Outcome.Fail), Is.EqualTo(1));
            Assert.That(result.FaultRows[0].Caught, Is.False);
            Assert.That(result.Escaped, Is.EqualTo(new[] { "a" }));
        });
    }

    [Test]
    public async Task Clean_when_the_baseline_passes_and_every_fault_is_caught()
    {
        var doubles = new MatrixDoubles()
            .With("reference", "RSC-FLAG-002", Severity.Info)
            .With("reference:fault=a", "RSC-ACK-001")
            .With("reference:fault=b", "RSC-FLAG-002");

        var result = await Runner(doubles, ["a", "b"], parallelism: 3).RunAsync(CancellationToken.None);
        var doc = result.ToDocument();

        Assert.Multiple(() =>
        {
            Assert.That(result.IsClean, Is.True);
            Assert.That(doc.Summary.Faults, Is.EqualTo(2));
            Assert.That(doc.Summary.Caught, Is.EqualTo(2));
            Assert.That(doc.Summary.BaselineClean, Is.True);
            Assert.That(doc.Devices[1].Outcomes["RSC-ACK-001"], Is.EqualTo(Outcome.Fail));
            Assert.That(doc.Devices[1].Notes!.Keys, Is.EqualTo(new[] { "RSC-ACK-001" }));
            Assert.That(doc.Devices.Select(d => d.Dut), Is.EqualTo(new[] { "reference", "reference:fault=a", "reference:fault=b" }));
        });
    }

    [Test]
    public async Task Results_keep_case_order_however_many_run_at_once()
    {
        var ids = Enumerable.Range(1, 40).Select(i => $"RSC-PAR-{i:000}").ToArray();
        var doubles = new MatrixDoubles().With("reference:fault=a", "RSC-PAR-033");
        var runner = new KillMatrixRunner(MatrixDoubles.Cases(ids), ["a"])
        {
            CreateFactory = doubles.Factory,
            CreateRunner = doubles.Runner,
            MaxParallelism = 8,
        };

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Rows.Select(r => r.Cells.Select(c => c.CaseId)), Is.All.EqualTo(ids));
            Assert.That(result.FaultRows[0].KillingCases, Is.EqualTo(new[] { "RSC-PAR-033" }));
        });
    }

    [Test]
    public void Cancellation_escapes()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(
            async () => await Runner(new MatrixDoubles(), ["a"]).RunAsync(cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Duplicate_case_ids_are_refused() =>
        Assert.That(() => new KillMatrixRunner(MatrixDoubles.Cases("RSC-A-001", "rsc-a-001"), []), Throws.ArgumentException);

    [Test]
    public void Dut_spellings() => Assert.Multiple(() =>
    {
        Assert.That(KillMatrixRunner.DutFor(null), Is.EqualTo("reference"));
        Assert.That(KillMatrixRunner.DutFor("ttl-from-last"), Is.EqualTo("reference:fault=ttl-from-last"));
        Assert.That(KillMatrixRunner.AllFaults, Is.EqualTo(Device.RscFaults.Names));
    });
}
