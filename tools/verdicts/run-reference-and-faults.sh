#!/usr/bin/env bash
# Runs the whole catalogue on the in-process reference device, fault-free and with each named
# fault, one run folder each: OUT/reference, OUT/<fault>. Virtual time makes every run repeatable,
# so two checkouts' folders can be compared verdict for verdict (compare.py).
# Usage: run-reference-and-faults.sh CHECKOUT OUT
set -euo pipefail
checkout="$(cd -- "$1" && pwd)"
out="$(mkdir -p -- "$2" && cd -- "$2" && pwd)"
rsc="$checkout/rsc"
# The faults the checkout's reference device knows, as 'rsc faults --help' lists them.
mapfile -t faults < <("$rsc" faults --help | sed -n '/faults:/,/--case/p' | grep -v -- '--case' \
    | sed 's/.*faults://' | tr ',' '\n' | tr -d ' ' | grep -v '^$')
echo "faults: ${faults[*]}"
"$rsc" run --dut reference --out "$out/reference" > "$out/reference.log" 2>&1 || true
echo "reference: $(tail -1 "$out/reference.log")"
for fault in "${faults[@]}"; do
    "$rsc" run --dut "reference:fault=$fault" --out "$out/$fault" > "$out/$fault.log" 2>&1 || true
    echo "$fault: $(tail -1 "$out/$fault.log")"
done
