using System.Globalization;

namespace Rsc.Cli.Commands;

/// <summary>
/// A run's own time limit (--run-timeout-s) joined with the interrupt: its token is cancelled by
/// whichever comes first, and <see cref="Expired"/> tells the two apart.
/// </summary>
public sealed class RunLimit : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _linked;

    private RunLimit(TimeSpan? limit, TimeProvider clock, CancellationToken interrupt)
    {
        Limit = limit;
        _timer = limit is { } l ? new CancellationTokenSource(l, clock) : null;
        _linked = _timer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(interrupt)
            : CancellationTokenSource.CreateLinkedTokenSource(interrupt, _timer.Token);
    }

    public static RunLimit Start(TimeSpan? limit, TimeProvider clock, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new RunLimit(limit, clock, interrupt);
    }

    public TimeSpan? Limit { get; }

    /// <summary>Cancelled by the interrupt or when the limit expires.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>The limit expired (whatever else happened).</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    /// <summary>"run time limit of 30 s expired", as results.json and stderr say it.</summary>
    public string Description => $"run time limit of {Limit?.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s expired";

    public void Dispose()
    {
        _linked.Dispose();
        _timer?.Dispose();
    }
}
