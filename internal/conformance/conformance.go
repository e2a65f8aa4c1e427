// Package conformance runs the official JSON Schema Test Suite (draft
// 2020-12) through hookgen: every group's schema is generated into Go, the
// generated code decodes and validates every test's data, and the verdicts
// are compared with the suite's. See conformance_test.go and
// testdata/conformance.md.
package conformance
