// Command hookgen generates Go types for webhook payloads from JSON Schemas.
//
//	hookgen generate [--schemas DIR] [--out DIR] [--provider NAME]...
//	hookgen check    [--schemas DIR] [--out DIR] [--provider NAME]...
//	hookgen validate [--schemas DIR] [--provider NAME] [--schema STEM] FILE...
//	hookgen version
//
// Exit status: 0 success, 1 bad input or drift, 2 a wrong command line.
//
// Run `hookgen help` or `hookgen VERB --help` for details.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// hookgen runs once and exits, allocating heavily while it renders:
	// collecting garbage less often makes it markedly faster (GOGC still
	// overrides this).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
