package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/oracle"
)

// stdin is where `validate -` reads; tests replace it.
var stdin io.Reader = os.Stdin

func runValidate(args []string, stdout, stderr io.Writer) int {
	var schemasDir, provider, schema string
	var headerArgs []string
	fs := newFlagSet("validate", "hookgen validate [--schemas DIR] [--provider NAME] [--schema STEM] [--header 'Name: value']... FILE... (or - for stdin)",
		"Check captured payloads against the schemas with jsonschema/v5 (formats asserted). For each payload print the provider and event it is, then ok or every violation with its JSON pointer. Exit 1 if any payload is invalid or no schema claims it", stderr)
	fs.StringVar(&schemasDir, "schemas", "schemas", "folder with one folder of JSON Schemas per provider")
	fs.StringVar(&provider, "provider", "", "the provider the payloads come from; default: whichever provider's schemas claim each payload")
	fs.StringVar(&schema, "schema", "", "validate against this schema file (stem, such as agent_webhook.request) instead of finding the event; needs --provider")
	fs.StringArrayVar(&headerArgs, "header", nil, "a request header, \"Name: value\", for providers that name the event in a header (X-GitHub-Event: push); repeatable")
	if err := fs.Parse(args); err != nil {
		return parseError(fs, err)
	}
	var headers http.Header
	for _, h := range headerArgs {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return usageError(fs, fmt.Errorf("--header %q: write it as \"Name: value\"", h))
		}
		if headers == nil {
			headers = http.Header{}
		}
		headers.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	if helped(fs, stdout) {
		return exitOK
	}
	files := fs.Args()
	if len(files) == 0 {
		fmt.Fprintln(stderr, "hookgen validate: name at least one payload file, or - for stdin")
		fs.Usage()
		return exitUsage
	}
	if schema != "" && provider == "" {
		fmt.Fprintln(stderr, "hookgen validate: --schema needs --provider")
		return exitUsage
	}
	// A payload argument that names no file is a wrong command line, said
	// before any payload is judged (a file that cannot be read is still
	// reported with the others).
	for _, f := range files {
		if _, err := os.Stat(f); f != "-" && errors.Is(err, os.ErrNotExist) {
			return usageError(fs, fmt.Errorf("%s: no such file (%s)", f, absolute(f)))
		}
	}
	var only []string
	if provider != "" {
		only = []string{provider}
	}
	have, err := providerFolders(schemasDir)
	if err == nil {
		err = checkProviders(schemasDir, have, only)
	}
	if err != nil {
		return usageError(fs, err)
	}
	providers, err := load.Load(schemasDir, load.Options{Providers: only})
	if err != nil {
		fmt.Fprintln(stderr, err)
		var de *diag.Error
		if errors.As(err, &de) {
			fmt.Fprintln(stderr, "hookgen validate: the schemas are not valid")
		}
		return exitFail
	}
	var oracles []*oracle.Oracle
	for _, p := range providers {
		o, err := oracle.New(p)
		if err != nil {
			fmt.Fprintf(stderr, "hookgen validate: %v\n", err)
			return exitFail
		}
		oracles = append(oracles, o)
	}
	if schema != "" && oracles[0].Lookup(schema) == nil {
		return usageError(fs, fmt.Errorf("--schema %s: provider %s has no schema %s.json", schema, provider, schema))
	}
	code := exitOK
	for _, f := range files {
		if !validateOne(f, oracles, schema, headers, stdout) {
			code = exitFail
		}
	}
	return code
}

// validateOne reports one payload; it returns false unless it is valid.
func validateOne(file string, oracles []*oracle.Oracle, schema string, headers http.Header, stdout io.Writer) bool {
	var data []byte
	var err error
	name := file
	if file == "-" {
		name = "<stdin>"
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		fmt.Fprintf(stdout, "%s: %v\n", name, err)
		return false
	}
	if schema != "" {
		s := oracles[0].Lookup(schema)
		if s == nil {
			fmt.Fprintf(stdout, "%s: provider %s has no schema %s.json\n", name, oracles[0].Provider.Name, schema)
			return false
		}
		vs, err := s.Validate(data)
		if err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", name, err)
			return false
		}
		return report(stdout, name, oracles[0].Provider.Name, schema, vs)
	}
	var unknown []string
	var firstInvalid *oracle.Result
	var firstProvider string
	for _, o := range oracles {
		r, err := o.IdentifyRequest(headers, data)
		if err != nil {
			if strings.HasPrefix(err.Error(), "malformed JSON") {
				fmt.Fprintf(stdout, "%s: %v\n", name, err)
				return false
			}
			unknown = append(unknown, fmt.Sprintf("%s: %v", o.Provider.Name, err))
			continue
		}
		if r.Schema == nil {
			unknown = append(unknown, fmt.Sprintf("%s: unknown event %q", o.Provider.Name, r.Event))
			continue
		}
		if len(r.Violations) == 0 {
			return report(stdout, name, o.Provider.Name, r.Event, nil)
		}
		if firstInvalid == nil {
			firstInvalid, firstProvider = r, o.Provider.Name
		}
	}
	if firstInvalid != nil {
		return report(stdout, name, firstProvider, firstInvalid.Event, firstInvalid.Violations)
	}
	fmt.Fprintf(stdout, "%s: no schema claims this payload (%s); for a body that is not an event, name it with --provider and --schema\n", name, strings.Join(unknown, "; "))
	return false
}

func report(w io.Writer, name, provider, event string, vs []oracle.Violation) bool {
	if len(vs) == 0 {
		fmt.Fprintf(w, "%s: %s %s: ok\n", name, provider, event)
		return true
	}
	fmt.Fprintf(w, "%s: %s %s: invalid (%d violations)\n", name, provider, event, len(vs))
	for _, v := range vs {
		fmt.Fprintf(w, "  %s\n", v)
	}
	return false
}
