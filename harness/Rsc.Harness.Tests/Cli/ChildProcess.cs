using System.Diagnostics;

namespace Rsc.Harness.Tests.Cli;

/// <summary>Runs a program to completion with a time limit, capturing what it prints.</summary>
internal static class ChildProcess
{
    public static (int Code, string Out, string Error) Run(string program, IEnumerable<string> args, string workingDirectory, TimeSpan limit, Action<IDictionary<string, string?>>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        environment?.Invoke(start.Environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} still running after {limit}; stderr: {stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The dotnet host running these tests (or the one on PATH).</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Finds a program on PATH; null when it is not installed.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Takes away what would make rsc print the plain log (CI, TF_BUILD, NO_COLOR) and sets a terminal type.</summary>
    public static void AsAPerson(IDictionary<string, string?> environment)
    {
        environment.Remove("CI");
        environment.Remove("TF_BUILD");
        environment.Remove("NO_COLOR");
        environment["TERM"] = "xterm-256color";
    }
}
