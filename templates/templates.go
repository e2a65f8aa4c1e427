// Package templates holds the Go source that hookgen copies into generated
// packages. Each template is an ordinary, tested package in a folder below;
// this package embeds their sources for the generator.
package templates

import _ "embed"

// Runtime is the source of hookrt/runtime.go: the field-state wrappers
// (Optional, Nullable, OptionalNullable) every generated package uses.
//
//go:embed hookrt/runtime.go
var Runtime []byte
