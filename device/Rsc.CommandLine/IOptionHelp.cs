namespace Rsc.CommandLine;

/// <summary>What help and error messages say about an option beyond its name, placeholder and description.</summary>
public interface IOptionHelp
{
    /// <summary>The default as help shows it ("300", "out/runs/&lt;UTC yyyyMMdd-HHmmss&gt;"); null when there is none worth showing.</summary>
    string? DefaultText { get; }

    /// <summary>The environment variable read when the option is absent; null when none is.</summary>
    string? EnvironmentVariable { get; }

    /// <summary>The option may be given more than once ("--case A --case B").</summary>
    bool Repeatable { get; }

    /// <summary>The command cannot run without it (the synopsis shows it without brackets).</summary>
    bool Needed { get; }

    /// <summary>Lines help prints under the option (a list of names, a syntax); null for none.</summary>
    string? Details { get; }
}
