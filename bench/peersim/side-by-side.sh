#!/usr/bin/env bash
# topolab against PeerSim 1.0.5 on the same work: event-driven push-pull gossip averaging
# (PeerSim's example.edaggregation.AverageED against topolab's scenarios/averaging.conf), the two
# simulators alternated, with medians and ratios of wall time and peak RSS. README.md says how to
# get PeerSim's source, which is never part of this repository.
#
#   bench/peersim/side-by-side.sh [--nodes N] [--cycles C] [--repeats R] [--partitions P]
#
# Environment:
#   PEERSIM_HOME    PeerSim's source tree (src/peersim, src/example, jep-2.3.0.jar, djep-1.0.0.jar)
#   JAVA            the java to run both with (default: java on PATH)
#   JOPTS           JVM options for both (default: -Xmx16g -XX:+UseParallelGC)
#   TOPOLAB_JOPTS   JVM options for topolab alone, if they should differ (default: JOPTS)
#   OUT             where builds, logs and reports go (default: target/peersim-bench)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/peersim"
nodes=100000 cycles=30 repeats=3 partitions=1

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "side-by-side: $1 must be a whole number above 0, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) positive "$1" "${2:-}"; nodes=$2; shift 2 ;;
    --cycles) positive "$1" "${2:-}"; cycles=$2; shift 2 ;;
    --repeats) positive "$1" "${2:-}"; repeats=$2; shift 2 ;;
    --partitions) positive "$1" "${2:-}"; partitions=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "side-by-side: unknown argument '$1'" >&2; usage ;;
  esac
done

: "${PEERSIM_HOME:?set PEERSIM_HOME to the PeerSim 1.0.5 source tree that bench/peersim/README.md describes}"
for need in src/peersim/edsim/EDSimulator.java src/example/edaggregation/AverageED.java jep-2.3.0.jar djep-1.0.0.jar; do
  [ -e "$PEERSIM_HOME/$need" ] || { echo "side-by-side: $PEERSIM_HOME/$need is missing; see bench/peersim/README.md" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "side-by-side: /usr/bin/time is needed for peak RSS (Debian: apt-get install time)" >&2; exit 2; }
java=${JAVA:-java}
jopts=${JOPTS:--Xmx16g -XX:+UseParallelGC}
topolab_jopts=${TOPOLAB_JOPTS:-$jopts}
out=${OUT:-$root/target/peersim-bench}
mkdir -p "$out/logs"

# Build PeerSim and the benchmark's helpers once (again when the helpers change); topolab's jar
# comes from its launcher, which builds it when the sources are newer.
classes="$out/peersim-classes"
if [ ! -f "$classes/.built" ] || [ -n "$(find "$here/src" -newer "$classes/.built" -print -quit)" ]; then
  echo "building PeerSim and the benchmark helpers into $classes" >&2
  rm -rf "$classes" && mkdir -p "$classes"
  "${java%java}javac" -nowarn -encoding ISO-8859-1 -d "$classes" \
    -cp "$PEERSIM_HOME/jep-2.3.0.jar:$PEERSIM_HOME/djep-1.0.0.jar" \
    $(find "$PEERSIM_HOME/src/peersim" "$PEERSIM_HOME/src/example" -name '*.java') $(find "$here/src" -name '*.java') \
    2> "$out/logs/javac.log" || { cat "$out/logs/javac.log" >&2; exit 1; }
  touch "$classes/.built"
fi
"$root/bin/topolab" --version > /dev/null
peersim_cp="$classes:$PEERSIM_HOME/jep-2.3.0.jar:$PEERSIM_HOME/djep-1.0.0.jar"

# One timed run: /usr/bin/time writes "wall-seconds peak-kB" to $1.time.
timed() {
  local tag=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/logs/$tag.time" "$@" > "$out/logs/$tag.log" 2>&1 \
    || { echo "side-by-side: $tag failed; see $out/logs/$tag.log" >&2; exit 1; }
}

results="$out/results-$nodes-x-$cycles-p$partitions.tsv"
printf 'simulator\trepeat\twall-s\tpeak-rss-mb\tevents\treduction-per-cycle\n' > "$results"
for r in $(seq 1 "$repeats"); do
  tag="peersim-$nodes-$cycles-$r"
  echo "run $r of $repeats: PeerSim, $nodes nodes x $cycles cycles" >&2
  timed "$tag" "$java" $jopts -cp "$peersim_cp" peersim.Simulator "$here/averaging.txt" SIZE="$nodes" CYCLES="$cycles"
  read -r wall kb < "$out/logs/$tag.time"
  line=$(grep '^peersim-bench ' "$out/logs/$tag.log")
  events=$(sed -E 's/.* events=([0-9]+).*/\1/' <<< "$line")
  reduction=$(sed -E 's/.* reduction-per-cycle=([0-9.]+).*/\1/' <<< "$line")
  printf 'peersim\t%d\t%s\t%d\t%s\t%s\n' "$r" "$wall" $((kb / 1024)) "$events" "$reduction" >> "$results"

  tag="topolab-$nodes-$cycles-p$partitions-$r"
  echo "run $r of $repeats: topolab, $nodes nodes x $cycles cycles, $partitions partition(s)" >&2
  timed "$tag" "$java" $topolab_jopts -cp "$root/target/topolab.jar" org.topolab.cli.Main run \
    "$root/scenarios/averaging.conf" --set vars.nodes="$nodes" --set vars.cycles="$cycles" \
    --partitions "$partitions" --out "$out/reports/$tag"
  read -r wall kb < "$out/logs/$tag.time"
  read -r events reduction < <(python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
print(run["engine"]["events"], "%.4f" % run["groups"]["peers"]["averaging"]["reduction-per-cycle"])
' "$out/reports/$tag/report.json")
  printf 'topolab\t%d\t%s\t%d\t%s\t%s\n' "$r" "$wall" $((kb / 1024)) "$events" "$reduction" >> "$results"
done

python3 - "$results" "$java" "$jopts" "$topolab_jopts" "$partitions" <<'PY'
import statistics, sys
path, java, jopts, topolab_jopts, partitions = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(path)][1:]
def median(simulator, column):
    return statistics.median(float(row[column]) for row in rows if row[0] == simulator)
def same(simulator, column):
    values = {row[column] for row in rows if row[0] == simulator}
    return values.pop() if len(values) == 1 else "varies: " + ", ".join(sorted(values))
print(f"{path}")
print(f"java: {java}; PeerSim options: {jopts}; topolab options: {topolab_jopts}; topolab partitions: {partitions}")
print(f"{'':24}{'PeerSim':>14}{'topolab':>14}{'topolab/PeerSim':>18}")
for name, column in (("wall s (median)", 2), ("peak RSS MB (median)", 3)):
    p, t = median("peersim", column), median("topolab", column)
    print(f"{name:24}{p:>14.1f}{t:>14.1f}{t / p:>17.2f}x")
print(f"{'events':24}{same('peersim', 4):>14}{same('topolab', 4):>14}")
print(f"{'variance per cycle':24}{same('peersim', 5):>14}{same('topolab', 5):>14}{'(theory 0.3033)':>18}")
PY
