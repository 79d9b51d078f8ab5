namespace Rsc.Harness.Core.Capture;

public enum TimingMode
{
    /// <summary>A simulated clock: deadlines are met exactly and runs are reproducible.</summary>
    Virtual,
    /// <summary>The machine's clock: pacing jitter is measured and reported.</summary>
    Real,
}
