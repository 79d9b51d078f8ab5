using Rsc.Reports;

namespace Rsc.Cli.Terminal;

/// <summary>
/// What a run of cases tells the person (or the log) as it goes: a few header lines, each case as it
/// starts and ends, why it stopped early, and the summary table.
/// </summary>
public interface ICaseLog
{
    void Line(string text);

    /// <summary>Case <paramref name="index"/> (0-based) of the planned ones starts.</summary>
    void Started(int index, string caseId);

    void Finished(CaseEntry entry);

    /// <summary>The run stopped before its end ("interrupted", "timed out").</summary>
    Task StoppedAsync(string reason);

    /// <summary>Ends any live display and shows the summary of <paramref name="entries"/>.</summary>
    Task SummaryAsync(IReadOnlyList<CaseEntry> entries);
}

/// <summary>Chooses the case log for the environment's output.</summary>
public static class CaseLog
{
    public static ICaseLog For(CliEnvironment env, IReadOnlyList<string> plannedIds)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(plannedIds);
        return env.Terminal is { } console
            ? new LiveCaseLog(console, env.Clock, plannedIds.Count)
            : new PlainCaseLog(env.Out, plannedIds);
    }
}
