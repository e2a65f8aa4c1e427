module example.com/downstream

go 1.24.0

tool github.com/hookgen/hookgen/cmd/hookgen

require github.com/hookgen/hookgen v0.0.0

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1 // indirect
	github.com/spf13/pflag v1.0.10 // indirect
)

// This checkout of hookgen. internal/modules copies the module elsewhere
// and points the replace at the checkout under test.
replace github.com/hookgen/hookgen => ../..
