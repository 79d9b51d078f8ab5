#!/usr/bin/env bash
# Judges randomly damaged copies of recorded runs with two checkouts and compares their verdicts:
# for each RUN and each seed, mutate.py writes OUT/mutated/<name>-s<seed>, each checkout's
# 'rsc rejudge' judges it into OUT/<A|B>/<name>-s<seed>, and compare.py compares A with B.
# Usage: differential.sh CHECKOUT_A CHECKOUT_B OUT SEEDS RUN_DIR...   (SEEDS e.g. "1 2 3")
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
a="$(cd -- "$1" && pwd)"; b="$(cd -- "$2" && pwd)"; out="$3"; seeds="$4"; shift 4
mkdir -p "$out/mutated" "$out/A" "$out/B"
for run in "$@"; do
    name="$(basename -- "$run")"
    for seed in $seeds; do
        case="$name-s$seed"
        rm -rf "$out/mutated/$case" "$out/A/$case" "$out/B/$case"
        python3 "$here/mutate.py" "$run" "$out/mutated/$case" --seed "$seed"
        "$a/rsc" rejudge "$out/mutated/$case" --out "$out/A/$case" > "$out/A/$case.log" 2>&1 || true
        "$b/rsc" rejudge "$out/mutated/$case" --out "$out/B/$case" > "$out/B/$case.log" 2>&1 || true
        echo "$case: $(tail -3 "$out/A/$case.log" | head -1)"
    done
done
python3 "$here/compare.py" "$out/A" "$out/B"
