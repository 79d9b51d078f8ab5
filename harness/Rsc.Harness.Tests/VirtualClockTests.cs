using Microsoft.Extensions.Time.Testing;
using Rsc.Harness.Adapters.Reference;

namespace Rsc.Harness.Tests;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = VirtualClock.DefaultStart;

    [Test]
    public void A_plain_fake_time_provider_fires_overdue_timers_at_the_target_time()
    {
        // This is why the reference adapter steps the clock itself: with a plain fake, a drain timer
        // due at 300 us would stamp its deliveries with whatever time Advance jumped to.
        var fake = new FakeTimeProvider(Start);
        var seen = new List<TimeSpan>();
        using var timer = fake.CreateTimer(_ => seen.Add(fake.GetUtcNow() - Start), null, TimeSpan.FromMicroseconds(300), Timeout.InfiniteTimeSpan);

        fake.Advance(TimeSpan.FromMicroseconds(1000));

        Assert.That(seen, Is.EqualTo(new[] { TimeSpan.FromMicroseconds(1000) }));
    }

    [Test]
    public void Timer_callback_sees_its_own_due_time_when_the_clock_jumps_past_it()
    {
        var clock = new VirtualClock();
        var seen = new List<long>();
        using var timer = clock.CreateTimer(_ => seen.Add(clock.ElapsedNs), null, TimeSpan.FromMicroseconds(300), Timeout.InfiniteTimeSpan);

        clock.AdvanceTo(1_000_000);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { 300_000L }));
            Assert.That(clock.ElapsedNs, Is.EqualTo(1_000_000));
            Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddMilliseconds(1)));
        });
    }

    [Test]
    public void Timers_fire_in_due_order_each_at_its_time()
    {
        var clock = new VirtualClock();
        var seen = new List<(string, long)>();
        using var late = clock.CreateTimer(_ => seen.Add(("late", clock.ElapsedNs)), null, TimeSpan.FromMicroseconds(700), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => seen.Add(("early", clock.ElapsedNs)), null, TimeSpan.FromMicroseconds(200), Timeout.InfiniteTimeSpan);

        clock.AdvanceTo(5_000_000);

        Assert.That(seen, Is.EqualTo(new[] { ("early", 200_000L), ("late", 700_000L) }));
    }

    [Test]
    public void Periodic_timer_fires_at_every_period()
    {
        var clock = new VirtualClock();
        var seen = new List<long>();
        using var timer = clock.CreateTimer(_ => seen.Add(clock.ElapsedNs), null, TimeSpan.FromMicroseconds(250), TimeSpan.FromMicroseconds(250));

        clock.AdvanceTo(1_100_000);

        Assert.That(seen, Is.EqualTo(new[] { 250_000L, 500_000L, 750_000L, 1_000_000L }));
    }

    [Test]
    public void Timer_rearmed_from_its_callback_fires_again_within_the_same_advance()
    {
        var clock = new VirtualClock();
        var seen = new List<long>();
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            seen.Add(clock.ElapsedNs);
            if (seen.Count < 3)
            {
                timer!.Change(TimeSpan.FromMicroseconds(100), Timeout.InfiniteTimeSpan);
            }
        }, null, TimeSpan.FromMicroseconds(300), Timeout.InfiniteTimeSpan);

        clock.AdvanceTo(2_000_000);
        timer.Dispose();

        Assert.That(seen, Is.EqualTo(new[] { 300_000L, 400_000L, 500_000L }));
    }

    [Test]
    public void Zero_due_time_fires_at_once_and_disposed_timers_never_fire()
    {
        var clock = new VirtualClock();
        clock.AdvanceTo(50_000);
        var seen = new List<long>();
        using var now = clock.CreateTimer(_ => seen.Add(clock.ElapsedNs), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => seen.Add(-1), null, TimeSpan.FromMicroseconds(10), Timeout.InfiniteTimeSpan);
        disposed.Dispose();

        clock.AdvanceTo(1_000_000);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { 50_000L }));
            Assert.That(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan), Is.False);
            Assert.That(clock.PendingTimers, Is.Zero);
        });
    }

    [Test]
    public void Advancing_rounds_up_to_a_tick_and_never_goes_back()
    {
        var clock = new VirtualClock();

        clock.AdvanceTo(150);
        long afterRounding = clock.ElapsedNs;
        clock.AdvanceTo(100);

        Assert.Multiple(() =>
        {
            Assert.That(afterRounding, Is.EqualTo(200));
            Assert.That(clock.ElapsedNs, Is.EqualTo(200));
            Assert.That(VirtualClock.CeilingTicks(0), Is.Zero);
            Assert.That(VirtualClock.CeilingTicks(100), Is.EqualTo(1));
            Assert.That(VirtualClock.CeilingTicks(101), Is.EqualTo(2));
        });
    }

    [Test]
    public void Timestamps_follow_the_virtual_clock()
    {
        var clock = new VirtualClock();
        long before = clock.GetTimestamp();

        clock.AdvanceTo(300_000);

        Assert.That(clock.GetElapsedTime(before), Is.EqualTo(TimeSpan.FromMicroseconds(300)));
    }
}
