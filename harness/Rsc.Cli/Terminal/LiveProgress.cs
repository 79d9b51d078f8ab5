using System.Globalization;
using Rsc.Harness.Core;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rsc.Cli.Terminal;

/// <summary>
/// The live display while work runs at a terminal: a bar with done / planned, what runs now, the
/// outcomes so far, elapsed time and an estimate of what is left, and the latest notable results.
/// Redrawn four times a second, so a long case never leaves the screen still.
/// </summary>
public sealed class LiveProgress : IAsyncDisposable
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMilliseconds(250);

    private const int NotesShown = 5;
    private const int BarWidth = 40;

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly Dictionary<Outcome, int> _outcomes = [];
    private readonly List<string> _notes = [];
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _unit;
    private readonly bool _showOutcomes;
    private Task _display = Task.CompletedTask;
    private int _planned;
    private int _done;
    private string _current = "";
    private string? _stoppedBecause;
    private bool _stopped;

    private LiveProgress(TimeProvider clock, string unit, int planned, bool showOutcomes)
    {
        _clock = clock;
        _started = clock.GetTimestamp();
        _unit = unit;
        _planned = planned;
        _showOutcomes = showOutcomes;
    }

    /// <summary>When set, the bar and the estimate follow time rather than the count (a replay of a capture of known length).</summary>
    public TimeSpan? ExpectedDuration { get; set; }

    /// <summary>Starts drawing on <paramref name="console"/>; the display ends with <see cref="StopAsync"/>.</summary>
    public static LiveProgress Start(IAnsiConsole console, TimeProvider clock, string unit, int planned, bool showOutcomes = true)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(clock);
        var progress = new LiveProgress(clock, unit, planned, showOutcomes);
        progress._display = console.Live(progress.Render())
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(progress.DriveAsync);
        return progress;
    }

    /// <summary>A display that is never drawn; tests read <see cref="Render"/>.</summary>
    internal static LiveProgress Detached(TimeProvider clock, string unit, int planned, bool showOutcomes = true) =>
        new(clock, unit, planned, showOutcomes);

    public void Current(string text) => Update(() => _current = text);

    /// <summary>One more unit done, with its outcome when it has one; a note is kept among the latest shown.</summary>
    public void Completed(Outcome? outcome, string? note = null) => Update(() =>
    {
        _done++;
        if (outcome is { } o)
        {
            _outcomes[o] = _outcomes.GetValueOrDefault(o) + 1;
        }
        AddNote(note);
    });

    /// <summary>Units done whose outcomes are counted separately (or have none).</summary>
    public void Advance(int units) => Update(() => _done += units);

    /// <summary>Sets how many units are done (a batch whose units were not all seen one by one).</summary>
    public void Reached(int done) => Update(() => _done = done);

    /// <summary>Outcomes that arrive in batches (a kill-matrix row).</summary>
    public void Count(Outcome outcome, int times) => Update(() => _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + times);

    public void Note(string note) => Update(() => AddNote(note));

    /// <summary>Draws the final state (with <paramref name="reason"/> when the work stopped early) and ends the display.</summary>
    public async Task StopAsync(string? reason = null)
    {
        Update(() =>
        {
            _stoppedBecause = reason;
            _stopped = true;
        });
        _stop.TrySetResult();
        await _display.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync(_stoppedBecause).ConfigureAwait(false);

    /// <summary>What the display shows now.</summary>
    public IRenderable Render()
    {
        lock (_gate)
        {
            var elapsed = _clock.GetElapsedTime(_started);
            double fraction = ExpectedDuration is { } expected && expected > TimeSpan.Zero
                ? Math.Min(1, elapsed / expected)
                : _planned == 0 ? 0 : Math.Min(1, (double)_done / _planned);
            var rows = new List<IRenderable>
            {
                new Markup($"{Bar(fraction)} [bold]{_done.ToString(CultureInfo.InvariantCulture)}[/]/{_planned.ToString(CultureInfo.InvariantCulture)} {Markup.Escape(_unit)}  [grey]elapsed[/] {Clock(elapsed)}  [grey]ETA[/] {Remaining(elapsed)}"),
                new Markup(_stoppedBecause is { } why ? $"[yellow]{Markup.Escape(why)}[/]" : _stopped ? "[green]done[/]" : _current.Length == 0 ? "[grey]starting[/]" : $"[grey]now[/] {Markup.Escape(_current)}"),
            };
            if (_showOutcomes)
            {
                rows.Add(new Markup(string.Join("  ", Enum.GetValues<Outcome>().Select(o => $"[{OutcomeStyle.Colour(o)}]{o}[/] {_outcomes.GetValueOrDefault(o).ToString(CultureInfo.InvariantCulture)}"))));
            }
            rows.AddRange(_notes.Select(n => new Markup(n)));
            return new Rows(rows);
        }
    }

    private async Task DriveAsync(LiveDisplayContext context)
    {
        while (!_stop.Task.IsCompleted)
        {
            context.UpdateTarget(Render());
            await Task.WhenAny(_stop.Task, Task.Delay(RefreshPeriod, _clock)).ConfigureAwait(false);
        }
        context.UpdateTarget(Render());
    }

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
        }
    }

    private void AddNote(string? note)
    {
        if (note is null)
        {
            return;
        }
        _notes.Add(note);
        if (_notes.Count > NotesShown)
        {
            _notes.RemoveAt(0);
        }
    }

    private string Remaining(TimeSpan elapsed)
    {
        if (ExpectedDuration is { } expected)
        {
            return Clock(expected > elapsed ? expected - elapsed : TimeSpan.Zero);
        }
        if (_done == 0 || _planned == 0)
        {
            return "-";
        }
        return Clock(elapsed / _done * Math.Max(0, _planned - _done));
    }

    private static string Bar(double fraction)
    {
        int full = (int)Math.Round(fraction * BarWidth);
        return $"[green]{new string('━', full)}[/][grey]{new string('─', BarWidth - full)}[/]";
    }

    /// <summary>"0:07", "12:30", "1:02:03".</summary>
    public static string Clock(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
