namespace Rsc.CommandLine;

/// <summary>What is wrong with a command line; each tool words it its own way.</summary>
public enum UsageProblemKind
{
    /// <summary>No command after the tool's name.</summary>
    MissingCommand,

    /// <summary>A word where a command was expected that names none (<see cref="UsageProblem.Token"/>).</summary>
    UnknownCommand,

    /// <summary>Something that looks like an option but is not one of the command's (<see cref="UsageProblem.Token"/>, without any "=value").</summary>
    UnknownOption,

    /// <summary>A positional argument the command has no place for.</summary>
    UnexpectedArgument,

    /// <summary>An option given without its value.</summary>
    MissingValue,

    /// <summary>An option that takes one value given <see cref="UsageProblem.Count"/> times.</summary>
    Repeated,

    /// <summary>A positional argument the command needs is missing (<see cref="UsageProblem.Missing"/> says what).</summary>
    MissingArgument,

    /// <summary>An option the command needs is missing (<see cref="UsageProblem.Missing"/> is "--name PLACEHOLDER").</summary>
    MissingOption,

    /// <summary>A value (or the environment variable standing in for it) was refused: <see cref="UsageProblem.Message"/> says why.</summary>
    Invalid,
}

/// <param name="Kind">What kind of mistake.</param>
/// <param name="Command">The command it concerns ("run"; the tool's own name for a missing or unknown command).</param>
/// <param name="Token">The word as typed (UnknownCommand, UnknownOption, UnexpectedArgument), or the option's name.</param>
/// <param name="Count">How often a single-value option was given (Repeated).</param>
/// <param name="Missing">What is missing (MissingArgument, MissingOption).</param>
/// <param name="Message">The reason a value was refused (Invalid).</param>
/// <param name="Suggestion">A close spelling that does exist, for a misspelt command or option.</param>
public sealed record UsageProblem(
    UsageProblemKind Kind,
    string Command,
    string? Token = null,
    int Count = 0,
    string? Missing = null,
    string? Message = null,
    string? Suggestion = null);
