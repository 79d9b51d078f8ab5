using System.Diagnostics;
using Rsc.Harness.Adapters;
using Rsc.Harness.Adapters.Reference;
using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;

namespace Rsc.Harness.KillMatrix;

/// <summary>
/// Runs the selected cases against the fault-free reference device and against the reference device
/// with each named fault on, one fresh device per case, and collects who caught whom.
/// </summary>
/// <remarks>
/// Cases of one device configuration may run a few at a time; results keep case order and rows keep
/// fault order, so the answer never depends on scheduling.
/// </remarks>
public sealed class KillMatrixRunner
{
    /// <summary>The device every row starts from.</summary>
    public const string BaseDut = ReferenceDeviceFactory.Kind;

    private readonly IReadOnlyList<ConformanceCase> _cases;
    private readonly IReadOnlyList<string> _faults;
    private readonly RunOptions _options;

    /// <param name="cases">The catalogue (or part of it) to run, in the order the matrix shows it.</param>
    /// <param name="faults">Fault names, one row each, after the fault-free row.</param>
    public KillMatrixRunner(IReadOnlyList<ConformanceCase> cases, IReadOnlyList<string> faults, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(faults);
        var duplicate = cases.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"case '{duplicate.Key}' appears more than once", nameof(cases));
        }
        _cases = cases;
        _faults = faults;
        _options = options ?? new RunOptions();
    }

    /// <summary>Every fault the reference device knows.</summary>
    public static IReadOnlyList<string> AllFaults => ReferenceFaults.Names;

    /// <summary>Turns a --dut spelling into a factory.</summary>
    public Func<string, IDeviceFactory> CreateFactory { get; init; } = DeviceRegistry.Create;

    /// <summary>Makes the runner for one device configuration; null means the standard one.</summary>
    public Func<IDeviceFactory, RunOptions, ConformanceRunner>? CreateRunner { get; init; }

    /// <summary>How many cases of one configuration run at once (1 runs them strictly one after another).</summary>
    public int MaxParallelism { get; init; } = Math.Clamp(Environment.ProcessorCount / 2, 1, 4);

    /// <summary>The --dut spelling for a row: the bare device, or the device with one fault.</summary>
    public static string DutFor(string? fault) => fault is null ? BaseDut : $"{BaseDut}:fault={fault}";

    /// <param name="progress">Called after each row completes, in row order.</param>
    public async Task<KillMatrixResult> RunAsync(Action<KillMatrixRow>? progress, CancellationToken cancellationToken)
    {
        var rows = new List<KillMatrixRow>(_faults.Count + 1);
        KillMatrixRow? baseline = null;
        foreach (var fault in _faults.Prepend(null))
        {
            var row = await RunRowAsync(fault, baseline, cancellationToken).ConfigureAwait(false);
            baseline ??= row;
            rows.Add(row);
            progress?.Invoke(row);
        }
        return new KillMatrixResult([.. _cases.Select(c => c.Id)], rows);
    }

    public Task<KillMatrixResult> RunAsync(CancellationToken cancellationToken) => RunAsync(null, cancellationToken);

    private async Task<KillMatrixRow> RunRowAsync(string? fault, KillMatrixRow? baseline, CancellationToken cancellationToken)
    {
        var dut = DutFor(fault);
        var factory = CreateFactory(dut);
        var runner = CreateRunner is { } create ? create(factory, _options) : new ConformanceRunner(factory, _options);
        var cells = new KillMatrixCell[_cases.Count];
        var watch = Stopwatch.StartNew();
        if (MaxParallelism <= 1)
        {
            for (int i = 0; i < _cases.Count; i++)
            {
                cells[i] = Cell(await runner.RunAsync(_cases[i], cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            await Parallel.ForAsync(
                0,
                _cases.Count,
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = cancellationToken },
                async (i, token) => cells[i] = Cell(await runner.RunAsync(_cases[i], token).ConfigureAwait(false))).ConfigureAwait(false);
        }
        return KillMatrixRow.Create(dut, fault, cells, watch.Elapsed, baseline);
    }

    private static KillMatrixCell Cell(CaseResult result) => new(result.Case.Id, result.Outcome, Note(result));

    /// <summary>The error, else the first finding of the verdict's severity; null for a plain pass.</summary>
    internal static string? Note(CaseResult result)
    {
        if (result.Outcome == Outcome.Error)
        {
            return result.Error ?? "error";
        }
        if (result.Outcome is Outcome.Pass)
        {
            return null;
        }
        var decisive = result.Findings.FirstOrDefault(f => f.Severity == Severity.Fail)
            ?? result.Findings.FirstOrDefault(f => f.Severity == Severity.NonStrict)
            ?? result.Findings.FirstOrDefault();
        return decisive is null ? null : $"{decisive.Rule}: {decisive.Message}";
    }
}
