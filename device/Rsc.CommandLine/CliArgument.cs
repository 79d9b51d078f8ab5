using System.CommandLine;

namespace Rsc.CommandLine;

/// <summary>A positional argument; <see cref="MissingText"/> completes "'rsc CMD' needs ..." when it is left out.</summary>
public sealed class CliArgument<T> : Argument<T>, IArgumentHelp
{
    public CliArgument(string name, string missingText, ArgumentArity arity)
        : base(name)
    {
        MissingText = missingText;
        // Parsing accepts none; "needs ..." is reported by the command's own check, in rsc's words.
        Arity = new ArgumentArity(0, arity.MaximumNumberOfValues);
        MinimumCount = arity.MinimumNumberOfValues;
    }

    public string MissingText { get; }

    public int MinimumCount { get; }
}

/// <summary>What the usage check needs to know about a positional argument.</summary>
public interface IArgumentHelp
{
    /// <summary>Completes "'rsc CMD' needs ...", e.g. "a case id (see 'rsc list')".</summary>
    string MissingText { get; }

    /// <summary>How many values the command needs.</summary>
    int MinimumCount { get; }
}
