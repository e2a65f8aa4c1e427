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
	// event; default: inferred from the event schemas. With EventHeader,
	// they tell apart the events that share one header value.
	Discriminator []string `json:"discriminator"`
	// EventHeader is the HTTP header that names the event (GitHub's
	// X-GitHub-Event, Shopify's X-Shopify-Topic). Each schema outside the
	// Shared folders is an event; its header value comes from its path:
	// see the README's "Routing".
	EventHeader string `json:"event_header"`
	// Endpoints says nothing in a request names its event: each schema
	// is received at an endpoint of its own, and the caller names the
	// event (ParseAs). Not with Discriminator or EventHeader.
	Endpoints bool `json:"endpoints"`
	// Shared lists subfolders of shared definitions (GitHub's "common"):
	// their schemas are never events.
	Shared []string `json:"shared"`
	// Signing is how deliveries are signed.
	Signing *Signing `json:"signing"`
	// DeliveryID is a JSON pointer to a per-delivery id in the payload, for
	// idempotency, where the provider puts one in the body.
	DeliveryID string `json:"delivery_id"`
	// Extensions are non-standard keywords the provider's schemas use
	// (such as GitHub's "tsAdditionalProperties"): hookgen ignores them
	// instead of refusing them as unknown.
	Extensions []string `json:"extensions"`
	// Formats is "assert" (the default: every format hookgen knows is
	// checked) or "annotate": "format" is an annotation only, as draft
	// 2020-12's format-annotation vocabulary says, and constrains nothing.
	Formats string `json:"formats"`
	// Remotes maps absolute URI prefixes ("https://example.com/schemas/")
	// to folders, relative to the provider folder, holding the documents
	// $refs name under them (see Remote). Only documents a $ref reaches are
	// read; nothing is ever fetched.
	Remotes map[string]string `json:"remotes"`

	// Pos is where the manifest is, for messages; zero when there is none.
	Pos diag.Pos `json:"-"`
	doc *Document
}

// AnnotateFormats says the provider's formats are annotations only.
func (m Manifest) AnnotateFormats() bool { return m.Formats == "annotate" }

// At is the position of the manifest's value at a JSON pointer
// ("/discriminator/0"), for messages about one entry; the manifest's
// own position when there is no such value.
func (m Manifest) At(pointer string) diag.Pos {
	if m.doc == nil {
		return m.Pos
	}
	n, ptr := m.doc.lookup(pointer)
	return m.doc.pos(n, ptr)
}

// Signing names a signature scheme and its parameters: the JSON form of
// cmd/receiver/signing's Config, whose rules manifest.schema.json repeats
// (only the fields a scheme reads may be set).
type Signing struct {
	// Scheme is "standard-webhooks", "github", "shopify", "stripe" or
	// "hmac-sha256".
	Scheme string `json:"scheme"`
	// Header carries the signature: required for hmac-sha256, optional for
	// stripe, fixed by the others.
	Header string `json:"header"`
	// Prefix comes before the digest in the header, such as "sha256="
	// (hmac-sha256 only).
	Prefix string `json:"prefix"`
	// Encoding of the digest, "hex" (the default) or "base64" (hmac-sha256
	// only).
	Encoding string `json:"encoding"`
	// IDHeader carries the delivery id, overriding the scheme's default
	// (not for standard-webhooks, whose webhook-id is signed).
	IDHeader string `json:"id_header"`
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
	m.doc = doc
	return m
}
