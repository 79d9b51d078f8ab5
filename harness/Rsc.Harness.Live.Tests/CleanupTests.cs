using System.Diagnostics;
using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live.Tests;

/// <summary>
/// A run removes its TAPs, namespaces and sockets when it is interrupted, and what a SIGKILL left
/// behind is swept at the next start.
/// </summary>
[Category("Live")]
[NonParallelizable]
public sealed class CleanupTests
{
    [SetUp]
    public void Live() => LiveTest.RequireLive();

    [TestCase(2, 130, TestName = "Ctrl-C (SIGINT) mid-run removes everything the run created")]
    [TestCase(15, 130, TestName = "SIGTERM mid-run removes everything the run created")]
    public void Interrupted_runs_clean_up(int signal, int expectedExit)
    {
        using var run = StartRun(out var output);
        int pid = run.Id;
        WaitForOwnTap(pid, run);
        Signals.kill(pid, signal);
        Assert.That(run.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "the run did not stop");
        Assert.That(run.ExitCode, Is.EqualTo(expectedExit), output.ToString());
        Assert.That(LiveNames.Existing(owner => owner == pid), Is.Empty, "left behind by the interrupted run");
        Assert.That(SocketsOf(pid), Is.Empty);
    }

    [Test]
    public void What_a_killed_run_leaves_is_swept_at_the_next_start()
    {
        // One long case (about a second of traffic), so the kill lands while its TAP exists.
        using var run = StartRun(out _, "--case", "RSC-BASIC-006");
        int pid = run.Id;
        WaitForOwnTap(pid, run);
        Signals.kill(pid, Signals.SIGKILL);
        Assert.That(run.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(LiveNames.Existing(owner => owner == pid), Is.Not.Empty, "the killed run left nothing, so the sweep is not exercised");

        var removed = LiveNames.SweepOrphans();

        Assert.That(LiveNames.Existing(owner => owner == pid), Is.Empty, "not swept: " + string.Join(", ", removed));
        Assert.That(SocketsOf(pid), Is.Empty);
        Assert.That(removed, Has.Some.StartsWith("interface "));
    }

    private static Process StartRun(out System.Text.StringBuilder output, params string[] selection)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "rsc.dll");
        var outDir = Path.Combine(Path.GetTempPath(), "rsc-cleanup-" + Guid.NewGuid().ToString("N"));
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        // A test runner started as a background job inherits SIGINT ignored, and so would the run:
        // give it the default disposition, as a terminal's foreground job has.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] cases = selection.Length > 0 ? selection : ["--section", "STAT", "--section", "TIMER"];
        string[] arguments = ["--default-signal=INT", dotnet, dll, "run", "--dut", "reference-tap", .. cases, "--out", outDir];
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = log;
        return process;
    }

    private static void WaitForOwnTap(int pid, Process run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !run.HasExited)
        {
            if (LiveNames.Existing(owner => owner == pid).Count > 0)
            {
                Thread.Sleep(100);
                return;
            }
            Thread.Sleep(20);
        }
        Assert.Fail("the run never created a TAP");
    }

    private static string[] SocketsOf(int pid) =>
        Directory.Exists(LiveNames.SocketDirectory)
            ? [.. Directory.GetFiles(LiveNames.SocketDirectory).Where(f => LiveNames.OwnerOf(Path.GetFileNameWithoutExtension(f)) == pid)]
            : [];
}
