using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;

namespace Rsc.Harness.Running;

/// <summary>Runs one case: builds its traffic, creates a fresh device, captures, judges.</summary>
/// <remarks>
/// Whatever the case definition, the device or the oracle does, the answer is a <see cref="CaseResult"/>
/// (Error when the run itself broke); only cancellation by the caller escapes as an exception.
/// </remarks>
public sealed class ConformanceRunner
{
    /// <summary>How long a device gets to shut down after its case before the runner moves on.</summary>
    public static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock;
    private readonly CaseJudge _judge;

    public ConformanceRunner(IDeviceFactory factory, RunOptions options)
        : this(factory, options, TimeProvider.System)
    {
    }

    /// <param name="clock">Measures case durations (the case timeout always runs on real time).</param>
    public ConformanceRunner(IDeviceFactory factory, RunOptions options, TimeProvider clock)
        : this(factory, options, clock, JudgeWithOracle)
    {
    }

    internal ConformanceRunner(IDeviceFactory factory, RunOptions options, TimeProvider clock, CaseJudge judge)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(judge);
        Factory = factory;
        Options = options.For(factory);
        _clock = clock;
        _judge = judge;
    }

    public IDeviceFactory Factory { get; }

    /// <summary>The options given, as the device has them (<see cref="RunOptions.For"/>).</summary>
    public RunOptions Options { get; }

    public async Task<CaseResult> RunAsync(ConformanceCase conformanceCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conformanceCase);
        cancellationToken.ThrowIfCancellationRequested();
        long started = _clock.GetTimestamp();
        long interval = conformanceCase.DrainIntervalNs ?? Options.DrainIntervalNs;
        long spacing = conformanceCase.SpacingNs ?? Options.SpacingNs;
        var result = new CaseResult(conformanceCase, Outcome.Error, [], TimeSpan.Zero, interval, spacing, null, null, null, null, null);
        CaseResult Finish(CaseResult r) => r with { Duration = _clock.GetElapsedTime(started) };

        CaseTraffic traffic;
        try
        {
            traffic = conformanceCase.Build(new CaseContext(spacing, interval))
                ?? throw new InvalidOperationException("Build returned no traffic");
            _ = traffic.Plan ?? throw new InvalidOperationException("Build returned no traffic plan");
            _ = traffic.Expectations ?? throw new InvalidOperationException("Build returned no expectations");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Finish(result with { Error = $"case definition broke: {OneLine(e)}" });
        }
        result = result with { Plan = traffic.Plan };
        cancellationToken.ThrowIfCancellationRequested();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.CaseTimeout);
        IDeviceUnderTest? device = null;
        try
        {
            var creating = Factory.CreateAsync(new DeviceConfiguration(interval), timeout.Token);
            try
            {
                device = await creating.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A live device being set up holds TAPs, namespaces and processes: never abandon it.
                await DisposeWhenCreatedAsync(creating).ConfigureAwait(false);
                throw;
            }
            // Every case runs on every device: a profile excuses rules, never whole cases.
            result = result with { Device = device.Info };
            var capture = await device.RunAsync(traffic.Plan, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new DeviceFailureException("device returned no capture");
            result = result with { Capture = capture };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Finish(result with { Error = $"device did not finish within the case timeout of {FormatTimeout(Options.CaseTimeout)}" });
        }
        catch (DeviceFailureException e)
        {
            return Finish(result with { Error = $"device failed: {OneLine(e)}" });
        }
        catch (Exception e)
        {
            return Finish(result with { Error = $"device threw {e.GetType().Name}: {OneLine(e)}" });
        }
        finally
        {
            if (device is not null)
            {
                var problem = await DisposeQuietlyAsync(device).ConfigureAwait(false);
                if (problem is not null && result.Error is null)
                {
                    result = result with { Error = problem };
                }
            }
        }
        if (result.Error is not null)
        {
            // The device ran but would not shut down: the next case must not trust this verdict.
            return Finish(result);
        }

        var settings = CaseVerdict.Settings(interval, ToleranceFor(result.Capture!, Options), result.Device!.Capabilities, result.Capture!.Timing);
        result = result with { LatencyToleranceNs = settings.LatencyToleranceNs };
        Judgement judgement;
        try
        {
            judgement = _judge(settings, traffic.Plan, result.Capture, traffic.Expectations, conformanceCase.Level, conformanceCase.Rules);
        }
        catch (Exception e)
        {
            return Finish(result with { Error = $"oracle failed: {e.GetType().Name}: {OneLine(e)}" });
        }
        return Finish(result with { Outcome = CaseVerdict.OutcomeOf(conformanceCase, judgement), Findings = judgement.Findings, Judgement = judgement });
    }

    /// <summary>
    /// Virtual time meets every deadline exactly. On a real clock the sender's measured lateness, the
    /// allowance and the CPU time the hypervisor was seen to take (the device could not run then)
    /// are tolerated; all three are reported with the result.
    /// </summary>
    private static long ToleranceFor(DeviceCapture capture, RunOptions options) =>
        capture.Timing == TimingMode.Virtual
            ? 0
            : Math.Max(0, capture.Pacing.MaxLatenessNs) + options.RealTimeLatencyAllowanceNs + (capture.Conditions?.HostStealNs ?? 0);

    private static Judgement JudgeWithOracle(
        OracleSettings settings,
        Core.Traffic.TrafficPlan plan,
        DeviceCapture capture,
        IReadOnlyList<Expectation> expectations,
        RequirementLevel caseLevel,
        IReadOnlyCollection<string> caseRules) =>
        new RscOracle(settings).Judge(plan, capture, expectations, caseLevel, caseRules);

    private static async Task DisposeWhenCreatedAsync(Task<IDeviceUnderTest> creating)
    {
        try
        {
            var device = await creating.WaitAsync(DisposeTimeout).ConfigureAwait(false);
            await DisposeQuietlyAsync(device).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A cancelled or failed set-up removes what it made; a hung one is past saving here.
        }
    }

    private static async Task<string?> DisposeQuietlyAsync(IDeviceUnderTest device)
    {
        try
        {
            await device.DisposeAsync().AsTask().WaitAsync(DisposeTimeout).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            return $"device did not shut down within {FormatTimeout(DisposeTimeout)}";
        }
        catch (Exception e)
        {
            return $"device failed to shut down: {e.GetType().Name}: {OneLine(e)}";
        }
    }

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();

    private static string FormatTimeout(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0.###} ms";
}
