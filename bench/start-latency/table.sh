#!/usr/bin/env bash
# Prints the start-latency table for one run's raw data (run.sh calls it; run it again to
# re-read an older run): one row per case, its samples pooled over the rounds, with the
# median, the 90th percentile, ratios to crun, and each round's median.
#   usage: table.sh bench/out/start-latency/results/<time>
set -euo pipefail
results=${1:?usage: table.sh RESULTS-DIRECTORY}
repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)

# hyperfine keeps every time; JMH's SampleTime mode keeps a histogram of [value, count].
pct='def pct(p): sort_by(.[0]) as $h | ($h | map(.[1]) | add) as $n | ((p * $n) | ceil) as $k
       | reduce $h[] as $e ({c: 0, v: null}; if .v == null then .c += $e[1] | (if .c >= $k then .v = $e[0] else . end) else . end) | .v;'
group() { # group KIND CONDITION: rows for $results/KIND-r*.json
  local kind=$1 cond=$2 files
  files=$(ls "$results"/$kind-r*.json 2>/dev/null | sort -V) || true
  [ -n "$files" ] || return 0
  case $kind in
    jmh-*) jq -r -s --arg cond "$cond" --arg extra "$([ "$kind" = jmh-tmpfs ] && echo ', state on tmpfs')" "$pct"'
        [.[] | .[]] | group_by([.params.init, .params.stdio]) | sort_by(.[0].params.init == "false", .[0].params.stdio != "discard")[]
        | ( [.[] | .primaryMetric.rawDataHistogram[][][]] ) as $all
        | ("Lit embedded, " + (if .[0].params.init == "true" then "init" else "no init" end)
             + ", stdio " + .[0].params.stdio + $extra) as $name
        | [$name, $cond, ($all | map(.[1]) | add), ($all | pct(0.5)), ($all | pct(0.9)),
           (map(.primaryMetric.scorePercentiles["50.0"] * 100 | round / 100 | tostring) | join(" / "))] | @tsv' $files ;;
    *) jq -r -s --arg cond "$cond" "$pct"'
        [.[] | .results[]] as $r
        | reduce $r[].command as $c ([]; if index([$c]) then . else . + [$c] end) | .[] as $c
        | [$r[] | select(.command == $c)] as $runs
        | ([$runs[] | .times[] | [., 1]]) as $all
        | [$c, $cond, ($all | length), ($all | pct(0.5)) * 1000, ($all | pct(0.9)) * 1000,
           ($runs | map(.median * 100000 | round / 100 | tostring) | join(" / "))] | @tsv' $files ;;
  esac
}
{
  group jmh-hot hot; group jmh-tmpfs hot; group jmh-idle idle
  group commands "new JVM"; group wrapper "new JVM"
  group crun-hot hot; group crun-tmpfs hot; group peers-hot hot; group peers-tmpfs hot
  group crun-idle idle; group peers-idle idle
} > "$results/rows.tsv"

# Ratios: to crun hot, and to crun in the same condition (hot, state on tmpfs, idle; a new
# JVM's container starts after idle, so those compare with crun idle).
awk -F'\t' '
  NR == FNR { if ($1 == "crun run" && $2 == "hot") hot = $4
              if ($1 == "crun run, state on tmpfs") tmpfs = $4
              if ($1 == "crun run" && $2 == "idle") idle = $4
              next }
  FNR == 1 { print "| case | condition | runs | median ms | p90 ms | / crun hot | / crun, same condition | median of each round |"
             print "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |" }
  { same = ($1 ~ /state on tmpfs/) ? tmpfs : ($2 == "hot") ? hot : idle
    printf "| %s | %s | %d | %.2f | %.2f | %s | %s | %s |\n", $1, $2, $3, $4, $5,
      ((hot > 0) ? sprintf("%.2f", $4 / hot) : "n/a"), ((same > 0) ? sprintf("%.2f", $4 / same) : "n/a"), $6 }
' "$results/rows.tsv" "$results/rows.tsv" > "$results/table.md"

echo "Start to exit of /bin/true in a busybox-static rootfs; raw data in ${results#"$repo"/}"
sed -n 's/^\(date\|host\|lit\|load average before\|load average after\|rounds\): /  \1: /p' "$results/environment.txt"
echo "hot: back to back; idle: 100 ms idle before each start; new JVM: each run starts a JVM."
echo
cat "$results/table.md"
