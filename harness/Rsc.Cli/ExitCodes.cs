namespace Rsc.Cli;

/// <summary>Process exit codes; scripts and CI depend on them.</summary>
public static class ExitCodes
{
    /// <summary>Nothing failed or errored (NonStrict and Info are not failures).</summary>
    public const int Success = 0;

    /// <summary>A case failed or errored, or rsc itself broke unexpectedly.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: unknown command, option, case, section or device; bad number; unreadable or malformed file.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT), after recording what was done.</summary>
    public const int Interrupted = 130;
}
