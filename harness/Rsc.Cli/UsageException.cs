namespace Rsc.Cli;

/// <summary>The command line (or a file it names) is wrong: one line on stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
