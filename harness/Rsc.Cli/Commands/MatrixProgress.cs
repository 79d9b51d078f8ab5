using System.Globalization;
using Rsc.Cli.Terminal;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.KillMatrix;
using Rsc.Reports;
using Rsc.Reports.KillMatrix;
using Spectre.Console;

namespace Rsc.Cli.Commands;

/// <summary>
/// What `rsc faults` shows while the kill matrix runs: in the plain log a line per device
/// configuration; at a terminal a live display counting cases (each fresh device that finishes is one)
/// with the configuration running now and a line per configuration done.
/// </summary>
public sealed class MatrixProgress : IAsyncDisposable
{
    private readonly CliEnvironment _env;
    private readonly LiveProgress? _live;
    private readonly int _total;
    private readonly int _cases;
    private readonly int _labelWidth;
    private readonly IReadOnlyList<string> _faults;
    private int _rowsDone;

    private MatrixProgress(CliEnvironment env, IReadOnlyList<string> faults, int cases)
    {
        _env = env;
        _faults = faults;
        _cases = cases;
        _total = faults.Count + 1;
        _labelWidth = faults.Select(f => f.Length).Append(KillMatrixTable.BaselineLabel.Length).Max();
        if (env.Terminal is { } console)
        {
            _live = LiveProgress.Start(console, env.Clock, "cases", cases * _total);
            _live.Current(Label(0));
        }
    }

    public static MatrixProgress For(CliEnvironment env, IReadOnlyList<string> faults, int cases)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(faults);
        return new MatrixProgress(env, faults, cases);
    }

    public int RowsDone => Volatile.Read(ref _rowsDone);

    /// <summary>A header line; at a terminal it goes above the live display.</summary>
    public void Line(string text)
    {
        if (_live is null)
        {
            _env.Out.WriteLine(text);
        }
        else
        {
            _live.Note(Markup.Escape(text));
        }
    }

    /// <summary>The factory a configuration's cases are made by, counting each device that finishes when the display is live.</summary>
    public IDeviceFactory Observe(IDeviceFactory factory) => _live is null ? factory : new CountingFactory(factory, () => _live.Advance(1));

    /// <summary>A device configuration finished.</summary>
    public void RowDone(KillMatrixRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        int done = Interlocked.Increment(ref _rowsDone);
        if (_live is null)
        {
            _env.Out.WriteLine(ProgressLine(done, _total, _total.ToString(CultureInfo.InvariantCulture).Length, _labelWidth, row));
            return;
        }
        _live.Reached(done * _cases);
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            _live.Count(outcome, row.Count(outcome));
        }
        _live.Note($"{Markup.Escape((row.Fault ?? KillMatrixTable.BaselineLabel).PadRight(_labelWidth))}  {VerdictMarkup(row)}  [grey]{SummaryTable.FormatDuration(row.Duration.TotalMilliseconds)}[/]");
        _live.Current(done < _total ? Label(done) : "writing the kill matrix");
    }

    /// <summary>Ends the live display (with the reason when the matrix stopped early).</summary>
    public async Task StopAsync(string? reason)
    {
        if (_live is not null)
        {
            await _live.StopAsync(reason).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(null).ConfigureAwait(false);

    private string Label(int row) => row == 0
        ? $"{KillMatrixTable.BaselineLabel} (1/{_total})"
        : $"fault {_faults[row - 1]} ({row + 1}/{_total}), {_cases} case(s)";

    private static string Verdict(KillMatrixRow row) => row.IsBaseline
        ? (row.Cells.All(c => KillMatrixSummary.IsClean(c.Outcome)) ? "clean" : "NOT CLEAN")
        : (row.Caught ? "caught" : KillMatrixTable.Escaped);

    private static string VerdictMarkup(KillMatrixRow row)
    {
        var verdict = Verdict(row);
        return verdict is "clean" or "caught" ? $"[green]{verdict}[/]" : $"[red]{Markup.Escape(verdict)}[/]";
    }

    /// <summary>"[ 2/17] psh-from-last  caught  0 pass, ...": the plain log's line for a finished configuration.</summary>
    public static string ProgressLine(int done, int total, int countWidth, int labelWidth, KillMatrixRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var label = row.Fault ?? KillMatrixTable.BaselineLabel;
        var counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{row.Count(Outcome.Pass)} pass, {row.Count(Outcome.NonStrict)} non-strict, {row.Count(Outcome.Fail)} fail, {row.Count(Outcome.Info)} info, {row.Count(Outcome.Error)} error");
        return $"[{done.ToString(CultureInfo.InvariantCulture).PadLeft(countWidth)}/{total}] {label.PadRight(labelWidth)}  {Verdict(row),-9}  {counts}  {SummaryTable.FormatDuration(row.Duration.TotalMilliseconds)}";
    }

    /// <summary>A factory whose devices say when they are disposed (one case done).</summary>
    private sealed class CountingFactory(IDeviceFactory inner, Action finished) : IDeviceFactory
    {
        public string Name => inner.Name;

        public long? DrainIntervalNs => inner.DrainIntervalNs;

        public async Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken) =>
            new CountingDevice(await inner.CreateAsync(configuration, cancellationToken).ConfigureAwait(false), finished);
    }

    private sealed class CountingDevice(IDeviceUnderTest inner, Action finished) : IDeviceUnderTest
    {
        public DeviceInfo Info => inner.Info;

        public Task<Harness.Core.Capture.DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken) => inner.RunAsync(plan, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            finished();
        }
    }
}
