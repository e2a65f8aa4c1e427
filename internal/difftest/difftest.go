// Package difftest holds the differential tests of the generated packages
// under gen/ against jsonschema/v5, the reference implementation: the same
// payloads go through both and the verdicts must agree.
package difftest
