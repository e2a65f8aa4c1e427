// Command hookgen generates Go types for webhook payloads from JSON Schemas.
//
//	hookgen generate [--schemas DIR] [--out DIR]
//	hookgen check    [--schemas DIR] [--out DIR]
//
// Run `hookgen help` or `hookgen VERB --help` for details.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
