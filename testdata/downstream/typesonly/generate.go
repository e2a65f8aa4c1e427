// Package typesonly generates the same schemas with hookgen's version
// pinned in the directive instead of a tool line, types and validators
// only (no router, no tests).
package typesonly

//go:generate go run github.com/hookgen/hookgen/cmd/hookgen generate --schemas ../schemas --out . --provider shop --types-only
