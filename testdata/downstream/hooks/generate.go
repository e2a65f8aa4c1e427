// Package hooks holds the generated packages, one folder per provider.
// The directive sits here, beside the output, because go generate cannot
// load a package that imports code not generated yet.
package hooks

//go:generate go tool hookgen generate --schemas ../schemas --out . --provider shop --package shophooks
