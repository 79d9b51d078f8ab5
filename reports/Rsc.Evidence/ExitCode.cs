namespace Rsc.Evidence;

/// <summary>The exit codes every handler returns, as the command line promises them.</summary>
public static class ExitCode
{
    /// <summary>Everything checked holds.</summary>
    public const int Success = 0;

    /// <summary>What was checked does not hold (a changed file, a bad signature, an unexpected verdict).</summary>
    public const int Failure = 1;

    /// <summary>The input cannot be used at all (not a bundle, a missing or malformed file, a bad option).</summary>
    public const int Usage = 2;
}
