package load

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hookgen/hookgen/generator/diag"
)

// Manifest is a provider folder's optional hookgen.json. Every field is
// optional; README.md documents them.
type Manifest struct {
	// Package is the Go package name; default: the folder name.
	Package string `json:"package"`
	// Title names the provider in doc comments.
	Title string `json:"title"`
	// Description becomes the package doc comment.
	Description string `json:"description"`
	// Docs lists the documents the schemas were written from.
	Docs []string `json:"docs"`
	// Discriminator lists the root properties whose const values identify an
	// event; default: inferred from the event schemas.
	Discriminator []string `json:"discriminator"`
	// Signing is how deliveries are signed.
	Signing *Signing `json:"signing"`
	// DeliveryID is a JSON pointer to a per-delivery id in the payload, for
	// idempotency, where the provider puts one in the body.
	DeliveryID string `json:"delivery_id"`
	// Extensions are non-standard keywords the provider's schemas use
	// (such as GitHub's "tsAdditionalProperties"): hookgen ignores them
	// instead of refusing them as unknown.
	Extensions []string `json:"extensions"`

	// Pos is where the manifest is, for messages; zero when there is none.
	Pos diag.Pos `json:"-"`
}

// Signing names a signature scheme and its parameters.
type Signing struct {
	// Scheme is "standard-webhooks" or "hmac-sha256".
	Scheme string `json:"scheme"`
	// Header carries the signature (hmac-sha256 only).
	Header string `json:"header"`
	// Prefix comes before the hex digest in the header, such as "sha256=".
	Prefix string `json:"prefix"`
}

//go:embed manifest.schema.json
var manifestSchemaJSON []byte

var manifestSchema = func() *jsonschema.Schema {
	c := jsonschema.NewCompiler()
	if err := c.AddResource("hookgen:manifest.schema.json", bytes.NewReader(manifestSchemaJSON)); err != nil {
		panic(err)
	}
	return c.MustCompile("hookgen:manifest.schema.json")
}()

func loadManifest(file string, data []byte, diags *diag.List) Manifest {
	doc := parseDocument(file, ManifestName, "", data, diags)
	if doc == nil {
		return Manifest{}
	}
	err := manifestSchema.Validate(doc.Root.Interface())
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		for _, leaf := range leaves(ve) {
			n, ptr := doc.lookup(leaf.InstanceLocation)
			diags.Add(doc.pos(n, ptr), "invalid manifest: %s", leaf.Message)
		}
		return Manifest{}
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		diags.Add(doc.RootSchema().Pos(), "invalid manifest: %v", err)
		return Manifest{}
	}
	m.Pos = doc.RootSchema().Pos()
	return m
}
