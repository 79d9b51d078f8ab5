using Rsc.Cli.Terminal;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Cli.Commands;

/// <summary>
/// What a replay shows while the device runs: at a terminal, a live display that follows the
/// capture's length; in the plain log, one line when it starts.
/// </summary>
public sealed class ReplayProgress : IAsyncDisposable
{
    private readonly LiveProgress? _live;
    private readonly int _frames;

    private ReplayProgress(LiveProgress? live, int frames)
    {
        _live = live;
        _frames = frames;
    }

    public static ReplayProgress Start(CliEnvironment env, string what, TrafficPlan plan)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(plan);
        int frames = plan.Frames.Count;
        if (env.Terminal is not { } console)
        {
            env.Out.WriteLine($"rsc: replaying {frames} frame(s): {what}");
            env.Out.Flush();
            return new ReplayProgress(null, frames);
        }
        var live = LiveProgress.Start(console, env.Clock, "frames", frames, showOutcomes: false);
        live.ExpectedDuration = TimeSpan.FromTicks(plan.DurationNs / 100);
        live.Current($"replaying {what}");
        return new ReplayProgress(live, frames);
    }

    public async ValueTask DisposeAsync()
    {
        if (_live is not null)
        {
            _live.Advance(_frames);
            await _live.StopAsync().ConfigureAwait(false);
        }
    }
}
