using Rsc.Harness.Core;

namespace Rsc.Cli.Terminal;

/// <summary>The colour each outcome has at a terminal.</summary>
public static class OutcomeStyle
{
    public static string Colour(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "green",
        Outcome.NonStrict => "yellow",
        Outcome.Fail => "red",
        Outcome.Info => "blue",
        _ => "magenta",
    };

    /// <summary>The outcome as Spectre markup.</summary>
    public static string Markup(Outcome outcome) => $"[{Colour(outcome)}]{outcome}[/]";
}
