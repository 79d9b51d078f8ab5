using System.Collections.Concurrent;
using System.Diagnostics;
using Rsc.Device.Daemon.Tests.Support;

namespace Rsc.Device.Daemon.Tests;

[TestFixture]
public sealed class LoopTimeProviderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Test]
    public void Timers_fire_in_due_order_whatever_order_they_were_created_in()
    {
        using var running = new RunningLoop();
        var fired = new ConcurrentQueue<int>();
        using var all = new CountdownEvent(3);
        var timers = new List<ITimer>();
        foreach (int ms in (int[])[30, 10, 20])
        {
            timers.Add(running.Time.CreateTimer(_ => { fired.Enqueue(ms); all.Signal(); }, null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan));
        }
        Assert.That(all.Wait(Patience), Is.True, "not every timer fired");
        Assert.That(fired, Is.EqualTo(new[] { 10, 20, 30 }));
        timers.ForEach(t => t.Dispose());
    }

    [Test]
    public void Callbacks_run_on_the_loop_thread_with_their_state()
    {
        using var running = new RunningLoop();
        int threadId = -1;
        object? seen = null;
        var state = new object();
        using var done = new ManualResetEventSlim();
        using var timer = running.Time.CreateTimer(s => { threadId = Environment.CurrentManagedThreadId; seen = s; done.Set(); }, state, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        Assert.That(done.Wait(Patience), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(threadId, Is.EqualTo(running.ThreadId));
            Assert.That(seen, Is.SameAs(state));
        });
    }

    [Test]
    public void A_timer_created_disarmed_fires_once_after_Change()
    {
        using var running = new RunningLoop();
        int count = 0;
        using var timer = running.Time.CreateTimer(_ => Interlocked.Increment(ref count), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Thread.Sleep(20);
        Assert.That(Volatile.Read(ref count), Is.Zero, "a disarmed timer fired");
        Assert.That(timer.Change(TimeSpan.FromMilliseconds(2), Timeout.InfiniteTimeSpan), Is.True);
        Assert.That(SpinUntil(() => Volatile.Read(ref count) == 1), Is.True, "the armed timer did not fire");
        Thread.Sleep(30);
        Assert.That(Volatile.Read(ref count), Is.EqualTo(1), "a one-shot timer fired twice");
    }

    [Test]
    public void Change_to_infinite_disarms_and_a_later_Change_wins_over_an_earlier_one()
    {
        using var running = new RunningLoop();
        int count = 0;
        long firedAt = 0;
        using var timer = running.Time.CreateTimer(_ => { firedAt = Stopwatch.GetTimestamp(); Interlocked.Increment(ref count); }, null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        Assert.That(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan), Is.True);
        Thread.Sleep(60);
        Assert.That(Volatile.Read(ref count), Is.Zero, "a disarmed timer fired");

        long armed = Stopwatch.GetTimestamp();
        timer.Change(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromMilliseconds(80), Timeout.InfiniteTimeSpan);
        Assert.That(SpinUntil(() => Volatile.Read(ref count) == 1), Is.True);
        Assert.That(Stopwatch.GetElapsedTime(armed, Volatile.Read(ref firedAt)), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(80)), "the superseded due time fired");
        Thread.Sleep(20);
        Assert.That(Volatile.Read(ref count), Is.EqualTo(1));
    }

    [Test]
    public void A_disposed_timer_never_fires_and_refuses_Change()
    {
        using var running = new RunningLoop();
        int count = 0;
        var timer = running.Time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        Thread.Sleep(50);
        Assert.Multiple(() =>
        {
            Assert.That(Volatile.Read(ref count), Is.Zero);
            Assert.That(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan), Is.False);
            Assert.That(running.Time.ArmedCount, Is.Zero);
        });
        timer.Dispose(); // twice is fine
    }

    [Test]
    public void A_periodic_timer_repeats_until_disposed()
    {
        using var running = new RunningLoop();
        int count = 0;
        var timer = running.Time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));
        Assert.That(SpinUntil(() => Volatile.Read(ref count) >= 5), Is.True, "a 2 ms periodic timer fired fewer than 5 times in 5 s");
        timer.Dispose();
        Thread.Sleep(10); // a callback already starting may still finish
        int after = Volatile.Read(ref count);
        Thread.Sleep(50);
        Assert.That(Volatile.Read(ref count), Is.EqualTo(after), "the periodic timer kept firing after Dispose");
    }

    [Test]
    public void A_callback_may_rearm_its_own_timer_and_dispose_it()
    {
        using var running = new RunningLoop();
        int count = 0;
        using var done = new ManualResetEventSlim();
        ITimer? timer = null;
        timer = running.Time.CreateTimer(_ =>
        {
            if (Interlocked.Increment(ref count) < 10)
            {
                timer!.Change(TimeSpan.FromMicroseconds(200), Timeout.InfiniteTimeSpan);
            }
            else
            {
                timer!.Dispose();
                done.Set();
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.That(done.Wait(Patience), Is.True);
        Assert.That(count, Is.EqualTo(10));
    }

    [Test]
    public void Changes_from_many_threads_are_safe()
    {
        using var running = new RunningLoop();
        int count = 0;
        using var timer = running.Time.CreateTimer(_ => Interlocked.Increment(ref count), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                timer.Change(TimeSpan.FromMicroseconds(i % 50), Timeout.InfiniteTimeSpan);
            }
        });
        timer.Change(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        int before = Volatile.Read(ref count);
        Assert.That(SpinUntil(() => Volatile.Read(ref count) > before), Is.True, "the last Change did not fire");
        Assert.That(SpinUntil(() => running.Time.ArmedCount == 0), Is.True);
    }

    [Test]
    public void Bad_due_times_and_periods_are_rejected()
    {
        using var running = new RunningLoop();
        using var timer = running.Time.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.Multiple(() =>
        {
            Assert.That(() => timer.Change(TimeSpan.FromMilliseconds(-2), Timeout.InfiniteTimeSpan), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => timer.Change(TimeSpan.Zero, TimeSpan.FromMilliseconds(-5)), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => timer.Change(TimeSpan.FromDays(60), Timeout.InfiniteTimeSpan), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => running.Time.CreateTimer(null!, null, TimeSpan.Zero, TimeSpan.Zero), Throws.ArgumentNullException);
        });
    }

    [Test]
    public void The_clock_is_the_stopwatch()
    {
        using var running = new RunningLoop();
        long a = running.Time.GetTimestamp();
        long b = Stopwatch.GetTimestamp();
        Assert.Multiple(() =>
        {
            Assert.That(running.Time.TimestampFrequency, Is.EqualTo(Stopwatch.Frequency));
            Assert.That(b, Is.GreaterThanOrEqualTo(a));
            Assert.That(running.Time.GetElapsedTime(a, b), Is.LessThan(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public void Stop_returns_from_Run_promptly_with_and_without_armed_timers()
    {
        var idle = new RunningLoop();
        Assert.That(idle.Stop(Patience), Is.True, "an idle loop did not stop");
        idle.Dispose();

        var busy = new RunningLoop();
        using var far = busy.Time.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        Assert.That(busy.Stop(Patience), Is.True, "a loop waiting for a far timer did not stop");
        busy.Dispose();
    }

    /// <summary>
    /// Sanity bound only (performance is never judged by a timed test): sub-millisecond timers fire
    /// well within 5 ms of their due time. The measured lateness is printed for the record.
    /// </summary>
    [Test]
    public void Sub_millisecond_timers_fire_close_to_their_due_time()
    {
        using var running = new RunningLoop();
        const int Rounds = 300;
        int count = 0;
        using var done = new ManualResetEventSlim();
        ITimer? timer = null;
        timer = running.Time.CreateTimer(_ =>
        {
            if (++count < Rounds)
            {
                timer!.Change(TimeSpan.FromMicroseconds(300), Timeout.InfiniteTimeSpan);
            }
            else
            {
                done.Set();
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromMicroseconds(300), Timeout.InfiniteTimeSpan);
        Assert.That(done.Wait(TimeSpan.FromSeconds(30)), Is.True);
        var lateness = running.Time.Lateness;
        TestContext.Out.WriteLine($"timer lateness over {Rounds} x 300 us: {lateness.Summary()}, mean {lateness.MeanNs / 1000:0.#} us; ppoll oversleep {running.Loop.Oversleep.Summary()}");
        Assert.Multiple(() =>
        {
            Assert.That(lateness.Count, Is.EqualTo(Rounds));
            Assert.That(lateness.PercentileNs(50), Is.LessThan(5_000_000), "median lateness past the 5 ms sanity bound");
        });
    }

    private static bool SpinUntil(Func<bool> condition) => SpinWait.SpinUntil(condition, Patience);
}
