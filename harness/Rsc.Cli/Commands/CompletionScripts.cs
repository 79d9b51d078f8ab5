namespace Rsc.Cli.Commands;

/// <summary>
/// Shell glue for completions. Each script hands the command line and the cursor position to
/// rsc's completion directive ("[suggest:N]") and offers what it prints, so completions always
/// match the installed rsc's own declarations.
/// </summary>
public static class CompletionScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "pwsh"];

    /// <summary>The script for <paramref name="shell"/>; a usage error for a shell it does not know.</summary>
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => PowerShell,
        _ => throw new UsageException($"no completion script for '{shell}'; shells: {string.Join(", ", Shells)}"),
    };

    public const string Bash = """
        # rsc completion for bash; load with: source <(rsc completion bash)
        _rsc_complete() {
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _rsc_complete rsc

        """;

    public const string Zsh = """
        # rsc completion for zsh; load with: source <(rsc completion zsh)   (after compinit)
        _rsc_complete() {
            local -a candidates
            candidates=("${(@f)$(${words[1]} "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            compadd -a candidates
        }
        compdef _rsc_complete rsc

        """;

    public const string PowerShell = """
        # rsc completion for PowerShell; load with: rsc completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName rsc -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            & rsc "[suggest:$cursorPosition]" "$line" 2>$null | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
