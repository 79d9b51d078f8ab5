#!/usr/bin/env bash
# Launcher for the rsc conformance tool: builds harness/Rsc.Cli (Release, into out/bin) when the
# build is missing or any source is newer than it, then runs it with the caller's arguments.
# Runs from any directory; only the build changes directory, so relative --out/--in paths keep
# meaning what the caller meant.
set -euo pipefail

root="$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)"
bin="$root/out/bin"
dll="$bin/rsc.dll"
stamp="$bin/.rsc-build-stamp"

needs_build() {
    [[ -f "$dll" && -f "$stamp" ]] || return 0
    local newer
    newer="$(cd "$root" && find device harness testcases reports Directory.Build.props Directory.Packages.props global.json \
        \( -name bin -o -name obj \) -prune -o \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -newer "$stamp" -print -quit 2>/dev/null || true)"
    [[ -n "$newer" ]]
}

if needs_build; then
    # One build at a time; whoever waited finds the build done and skips it.
    mkdir -p "$bin"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$bin/.rsc-build.lock"
        flock 9
    fi
fi

if needs_build; then
    log="$(mktemp)"
    started="$(mktemp)"
    trap 'rm -f "$log" "$started"' EXIT
    # The stamp takes the build's start time, so a source saved during the build triggers the next one.
    if ! (cd "$root" && dotnet build harness/Rsc.Cli/Rsc.Cli.csproj -c Release -o "$bin" -nologo -v quiet >"$log" 2>&1); then
        # A half-finished build may have replaced some assemblies: never trust out/bin after this.
        rm -f "$stamp"
        grep -E ': error ' "$log" | sort -u >&2 || cat "$log" >&2
        echo "rsc: build failed (dotnet build harness/Rsc.Cli -c Release)" >&2
        exit 2
    fi
    touch -r "$started" "$stamp"
    rm -f "$log" "$started"
    trap - EXIT
fi

exec 9>&-
exec dotnet "$dll" "$@"
