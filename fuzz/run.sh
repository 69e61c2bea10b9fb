#!/bin/sh
# Runs every built harness for SECONDS seconds each, then replays the
# regression cases, and fails on any finding. One summary line a harness:
# its executions, coverage (edges) and features, and the corpus size.
#
# usage: fuzz/run.sh BUILD_DIR SECONDS
#   BUILD_DIR/fuzz/fuzz_NAME   the harness binaries (see mk/robust.mk)
#   fuzz/corpus/common, NAME   committed seeds (read only; make_seeds.py)
#   BUILD_DIR/fuzz/work/NAME   the growing corpus (not committed)
#   BUILD_DIR/fuzz/findings    crashes, leaks, timeouts: copy them to
#                              fuzz/regressions/NAME once understood
build=$1
seconds=$2
status=0
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=fuzz/ubsan.supp"
bin=$build/fuzz
mkdir -p "$bin/findings" "$bin/logs"
for harness in $(sh fuzz/available.sh "$bin/libkb.a"); do
	name=${harness#fuzz_}
	work=$bin/work/$name
	log=$bin/logs/$name.log
	mkdir -p "$work"
	seeds="fuzz/corpus/common"
	[ -d "fuzz/corpus/$name" ] && seeds="$seeds fuzz/corpus/$name"
	# Replay the regression cases first: each must run clean.
	if [ -d "fuzz/regressions/$name" ] && [ -n "$(ls "fuzz/regressions/$name")" ]; then
		if ! "$bin/$harness" -runs=1 fuzz/regressions/"$name"/* >"$log.regressions" 2>&1; then
			echo "fuzz $name: a regression case fails again (see $log.regressions)"
			tail -n 30 "$log.regressions"
			status=1
			continue
		fi
	fi
	# shellcheck disable=SC2086
	"$bin/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 -dict=fuzz/khabar.dict \
		-artifact_prefix="$bin/findings/$name-" "$work" $seeds >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
	corpus=$(ls "$work" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $name: ${runs:-?} executions in ${seconds}s, coverage ${cov:-?} edges, ${ft:-?} features, corpus $corpus"
	else
		echo "fuzz $name: FINDING (exit $rc) after ${runs:-?} executions; log $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken|.*runtime error)' "$log" | head -n 5
		grep -E '^artifact_prefix|Test unit written' "$log" | tail -n 1
		status=1
	fi
done
missing=$(sh fuzz/available.sh "$bin/libkb.a" --missing)
[ -n "$missing" ] && echo "$missing" | sed 's/^/fuzz skipped (not in the engine yet): /'
exit $status
