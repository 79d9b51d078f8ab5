using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>`rsc completion bash|zsh|pwsh`: a script that asks rsc itself for completions.</summary>
public static class CompletionDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var shell = new CliArgument<string>("SHELL", $"a shell: {OptionKinds.Alternatives(CompletionScripts.Shells)}", System.CommandLine.ArgumentArity.ExactlyOne)
        {
            Description = "bash, zsh or pwsh",
        };
        shell.CompletionSources.Add(CompletionScripts.Shells.ToArray());
        var command = new CliCommand("completion", "print a shell completion script (bash, zsh, pwsh)", """
            Prints a script that completes rsc's commands, options and values (case ids, sections, fault
            names, device kinds, formats) in the shell. The script asks rsc itself, through
            System.CommandLine's completion directive: rsc "[suggest:POSITION]" "COMMAND LINE" prints
            the candidates for the word at POSITION, one a line.
              bash: add  source <(rsc completion bash)  to ~/.bashrc
              zsh:  add  source <(rsc completion zsh)  to ~/.zshrc (after compinit)
              pwsh: add  rsc completion pwsh | Out-String | Invoke-Expression  to $PROFILE
            From a clone without the installed tool, put the clone on PATH (the launcher is named rsc too).
            """)
        {
            Footer = "Exit code: 0, or 2 for a shell it has no script for.",
            Listed = false,
        };
        command.Add(shell);
        return command.Handles(parse => parse.GetValue(shell)!, (name, _) =>
        {
            env.Out.Write(CompletionScripts.For(name));
            return Task.FromResult(ExitCodes.Success);
        });
    }
}
