using System.Text;
using Rsc.Cli.Terminal;
using Spectre.Console;

namespace Rsc.Cli.Commands;

/// <summary>
/// What `rsc pacing` shows while it measures: in the plain log the benchmark's own lines; at a
/// terminal a live display of the sender running now, its elapsed time and what is left.
/// </summary>
public sealed class PacingProgress : IAsyncDisposable
{
    private readonly LiveProgress? _live;

    private PacingProgress(TextWriter log, LiveProgress? live)
    {
        Log = log;
        _live = live;
    }

    /// <summary>Where the benchmark writes its lines.</summary>
    public TextWriter Log { get; }

    public static PacingProgress Start(CliEnvironment env, int frames, long gapNs, bool withTrafgen)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (env.Terminal is not { } console)
        {
            return new PacingProgress(env.Out, null);
        }
        int senders = withTrafgen ? 2 : 1;
        var live = LiveProgress.Start(console, env.Clock, "senders", senders, showOutcomes: false);
        live.ExpectedDuration = TimeSpan.FromTicks(frames * gapNs / 100 * senders);
        return new PacingProgress(new LineSink(live), live);
    }

    public async ValueTask DisposeAsync()
    {
        if (_live is not null)
        {
            await Log.FlushAsync().ConfigureAwait(false);
            await _live.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Each line the benchmark writes names the sender it starts: the previous one is done.</summary>
    private sealed class LineSink(LiveProgress live) : TextWriter
    {
        private readonly StringBuilder _line = new();
        private bool _started;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }
            var text = _line.ToString();
            _line.Clear();
            if (_started)
            {
                live.Advance(1);
            }
            _started = true;
            live.Current(text);
            live.Note($"[grey]{Markup.Escape(text)}[/]");
        }
    }
}
