using System.CommandLine;

namespace Rsc.CommandLine;

/// <summary>How the rsc tools parse: every word means what it says.</summary>
public static class CommandLineParsing
{
    /// <summary>
    /// No response files (a value may start with '@') and no bundling of one-letter options; both would
    /// give words a meaning they never had.
    /// </summary>
    public static ParserConfiguration Configuration { get; } = new()
    {
        EnablePosixBundling = false,
        ResponseFileTokenReplacer = null,
    };
}
