#!/usr/bin/env bash
# The proof that the suite does not flake on a loaded machine (issue #12):
#   families  the device-family suites (devices/ and tests/integration/<family>, device-host) run
#             N at once (default 12) on this machine, pass/fail per run;
#   full      `npm test` M times in a row (default 5) while two CPU-bound processes run beside it.
# Everything it starts runs at nice 19: the machine is shared. Logs go to .tmp/stress/.
#
#   bash scripts/stress-tests.sh [families [N]] [full [M]]     (no argument: both, 12 and 5)
set -uo pipefail
cd "$(dirname "$0")/.."
PATH="$(bash scripts/runtime.sh):$PATH"
export PATH
LOGS=.tmp/stress
mkdir -p "$LOGS"

FAMILY_SUITES=(devices/ tests/integration/escpos-printer tests/integration/id-card-reader
  tests/integration/locker-board tests/integration/scanner tests/integration/pcsc-reader
  tests/integration/device-host)

failures=0

families() {
  local n=$1 pids=() started i
  echo "== device-family suites, ${n} runs at once ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  started=$(date +%s)
  for ((i = 1; i <= n; i++)); do
    nice -n 19 npx vitest run "${FAMILY_SUITES[@]}" >"$LOGS/family-$i.log" 2>&1 &
    pids+=($!)
  done
  for ((i = 1; i <= n; i++)); do
    if wait "${pids[$((i - 1))]}"; then
      echo "run $i: pass  $(summary "$LOGS/family-$i.log")"
    else
      failures=$((failures + 1))
      echo "run $i: FAIL  $(summary "$LOGS/family-$i.log")  (log: $LOGS/family-$i.log)"
      grep -E '^ (FAIL|×)| FAIL ' "$LOGS/family-$i.log" | sed 's/\x1b\[[0-9;]*m//g' | head -5 | sed 's/^/    /'
    fi
  done
  echo "   ${n} runs in $(($(date +%s) - started)) s"
}

full() {
  local m=$1 burners=() i started
  echo "== npm test ${m} times in a row beside two CPU-bound processes"
  for _ in 1 2; do
    nice -n 19 node -e 'for (;;) Math.sqrt(Math.random());' &
    burners+=($!)
  done
  for ((i = 1; i <= m; i++)); do
    started=$(date +%s)
    if nice -n 19 npm test >"$LOGS/full-$i.log" 2>&1; then
      echo "run $i: pass  $(summary "$LOGS/full-$i.log")  $(($(date +%s) - started)) s"
    else
      failures=$((failures + 1))
      echo "run $i: FAIL  $(summary "$LOGS/full-$i.log")  $(($(date +%s) - started)) s  (log: $LOGS/full-$i.log)"
      grep -E '^ (FAIL|×)| FAIL ' "$LOGS/full-$i.log" | sed 's/\x1b\[[0-9;]*m//g' | head -5 | sed 's/^/    /'
    fi
  done
  kill "${burners[@]}" 2>/dev/null
  wait "${burners[@]}" 2>/dev/null
}

# "Tests  480 passed (480)" from vitest's summary, without colours.
summary() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^ +Tests ' | tail -1 | sed 's/^ *//'
}

if [ $# -eq 0 ]; then set -- families 12 full 5; fi
while [ $# -gt 0 ]; do
  mode=$1
  shift
  count=""
  if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    count=$1
    shift
  fi
  case "$mode" in
    families) families "${count:-12}" ;;
    full) full "${count:-5}" ;;
    *)
      echo "usage: bash scripts/stress-tests.sh [families [N]] [full [M]]" >&2
      exit 2
      ;;
  esac
done
echo "== ${failures} failed run(s)"
[ "$failures" -eq 0 ]
