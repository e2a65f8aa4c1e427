// Command parseloop calls a provider's generated Parse on one payload n
// times, for counting instructions per Parse under valgrind, which (unlike
// wall time on a shared machine) does not depend on the neighbours:
//
//	go build -o /tmp/parseloop ./internal/bench/parseloop
//	for n in 2000 12000; do
//		GOGC=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
//			/tmp/parseloop waagent $n payload.json 2>&1 | grep 'I *refs'
//	done
//
// The difference of the two counts divided by 10,000 is the instructions
// per Parse (start-up cancels out; GOGC=off keeps the collector's share
// from depending on when it happens to run).
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
)

var parsers = map[string]func([]byte) error{
	"agenticflow": func(b []byte) error { _, err := agenticflow.Parse(b); return err },
	"aiinbox":     func(b []byte) error { _, err := aiinbox.Parse(b); return err },
	"peach":       func(b []byte) error { _, err := peach.Parse(b); return err },
	"waagent":     func(b []byte) error { _, err := waagent.Parse(b); return err },
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: parseloop PROVIDER N PAYLOAD.json")
		os.Exit(2)
	}
	parse, ok := parsers[os.Args[1]]
	n, err := strconv.Atoi(os.Args[2])
	if !ok || err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "parseloop: want a provider (agenticflow, aiinbox, peach, waagent) and a count, got %q %q\n", os.Args[1], os.Args[2])
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[3])
	if err != nil {
		fmt.Fprintln(os.Stderr, "parseloop:", err)
		os.Exit(1)
	}
	for i := 0; i < n; i++ {
		if err := parse(data); err != nil {
			fmt.Fprintln(os.Stderr, "parseloop:", err)
			os.Exit(1)
		}
	}
}
