// Package bench compares hookgen's generated Parse with what a user would
// write without it; see bench_test.go and BENCHMARKS.md.
package bench
