package emit

import (
	"fmt"
	"strings"
)

// BugError is a failure of hookgen itself, not of its input: a file it
// generated that gofmt cannot parse. The model is meant to refuse, with a
// position, every schema it cannot turn into valid Go, so this names the
// schema file the code came from and asks for a report; it never shows
// the generated file as if it were the user's mistake.
type BugError struct {
	Schema string // the schema file the code came from: "<provider>/<file>.json", or the provider folder
	File   string // the generated file: "<provider>/<name>_gen.go"
	Msg    string // gofmt's first complaint, "line:col: message" in the generated file
}

func (e *BugError) Error() string {
	return fmt.Sprintf("%s: internal error in hookgen: the Go code generated from it (%s) is not valid Go: %s; please report this with the schema", e.Schema, e.File, e.Msg)
}

// renderBug turns jennifer's error, which holds gofmt's message and then
// the whole unformatted file, into a BugError with the message only.
func renderBug(schema, file string, err error) *BugError {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	msg = strings.TrimSuffix(strings.TrimPrefix(msg, "Error "), " while formatting source:")
	return &BugError{Schema: schema, File: file, Msg: msg}
}
