#!/bin/sh
# Runs every test step of `make test`, goes on past a failing step so the
# report is complete, and ends with one line: "make test: N passed, N failed".
MAKE=${MAKE:-make}
passed=0
failed=0
failures=""
STEPS=${KHABAR_TEST_STEPS:-"test-c spec-5.4 spec-jit lint check-exports test-rock test-asan"}
for step in $STEPS; do
	echo "==== $step"
	if $MAKE --no-print-directory "$step"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures="$failures $step"
	fi
done
[ -n "$failures" ] && echo "failed steps:$failures"
echo "make test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
