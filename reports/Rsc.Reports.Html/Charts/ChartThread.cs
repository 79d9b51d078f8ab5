using System.Collections.Concurrent;

namespace Rsc.Reports.Html.Charts;

/// <summary>
/// Every picture of the process is drawn on one long-lived thread. Drawing with ScottPlot from two
/// threads at once crashed the process in libSkiaSharp now and then (seen in 1 of 3 runs of four
/// 5-device reports); on one thread, 12 such reports in a row drew without fault. Callers wait for
/// their picture; pages are still written in parallel.
/// </summary>
public static class ChartThread
{
    private static readonly BlockingCollection<Action> Work = [];
    private static readonly Thread Thread = Start();

    /// <summary>Runs <paramref name="draw"/> on the drawing thread and returns its result (or throws its exception).</summary>
    public static T Run<T>(Func<T> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (Environment.CurrentManagedThreadId == Thread.ManagedThreadId)
        {
            return draw();
        }
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                done.SetResult(draw());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    private static Thread Start()
    {
        var thread = new Thread(() =>
        {
            foreach (var work in Work.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = "rsc charts",
        };
        thread.Start();
        return thread;
    }
}
