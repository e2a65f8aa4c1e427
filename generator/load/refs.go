package load

import (
	"bytes"
	"embed"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/diag"
)

// Remote registers documents outside the provider folder that $refs may
// name by absolute URI: a $ref to Prefix + "a/b.json" reads Dir/a/b.json.
// Only the documents some $ref reaches are read. A $ref to an absolute
// URI no Remote covers (and no schema of the provider has as $id) stays an
// error: hookgen never fetches anything.
type Remote struct {
	Prefix string // an absolute URI ending in "/", such as "http://localhost:1234/"
	Dir    string // the folder its documents are read from
}

// metaFS holds the meta-schemas of the drafts hookgen reads (copies of
// those jsonschema/v5 embeds), so a $ref may name one: a schema that
// holds schemas ("definitions": {"$ref": ".../schema"}). A registered
// remote covering the URI comes first.
//
//go:embed meta
var metaFS embed.FS

// builtinMeta maps a meta-schema URI to its embedded copy: its file for
// messages, its name ("meta/2020-12/core.json") and its text.
func builtinMeta(uri string) (file, name string, data []byte, ok bool) {
	var rest string
	switch {
	case uri == "http://json-schema.org/draft-07/schema":
		rest = "draft-07"
	case strings.HasPrefix(uri, "https://json-schema.org/draft/2019-09/"), strings.HasPrefix(uri, "https://json-schema.org/draft/2020-12/"):
		rest = strings.TrimPrefix(uri, "https://json-schema.org/draft/")
		rest = strings.Replace(strings.TrimSuffix(rest, "/schema"), "/meta/", "/", 1)
	default:
		return "", "", nil, false
	}
	name = "meta/" + rest + ".json"
	data, err := metaFS.ReadFile(name)
	if err != nil {
		return "", "", nil, false
	}
	return uri + " (built in)", name, data, true
}

// manifestRemotes are the manifest's "remotes", their folders relative to
// the provider folder, longest prefix first.
func (p *Provider) manifestRemotes() []Remote {
	var out []Remote
	for prefix, dir := range p.Manifest.Remotes {
		out = append(out, Remote{Prefix: prefix, Dir: filepath.Join(p.Dir, filepath.FromSlash(dir))})
	}
	slices.SortFunc(out, func(a, b Remote) int { return len(b.Prefix) - len(a.Prefix) })
	return out
}

// remoteFor maps an absolute URI without fragment to the file it names
// under one of the remotes, and the name the document gets in messages
// and Go file names ("remote/a/b.json").
func remoteFor(remotes []Remote, uri string) (file, name string, ok bool) {
	for _, r := range remotes {
		rest, found := strings.CutPrefix(uri, r.Prefix)
		if !found || rest == "" {
			continue
		}
		clean := path.Clean("/" + rest)
		if clean != "/"+rest { // "..", "//": nothing outside Dir
			continue
		}
		return filepath.Join(r.Dir, filepath.FromSlash(rest)), "remote/" + rest, true
	}
	return "", "", false
}

// loadRemotes reads every registered remote document and built-in
// meta-schema that a $ref of the provider's schemas reaches, directly or
// through other remote documents.
// A remote document that names no $schema is read in the draft of the
// document that first reaches it.
func (p *Provider) loadRemotes(remotes []Remote, diags *diag.List) {
	queue := slices.Clone(p.Docs)
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		walkSchemas(d.RootSchema(), func(s Schema) {
			ref, ok := s.Keyword("$ref")
			if !ok || ref.Node.Kind != String {
				return
			}
			base, err := url.Parse(s.Base())
			if err != nil {
				return
			}
			u, err := base.Parse(ref.Node.Str)
			if err != nil {
				return
			}
			u.Fragment, u.RawFragment = "", ""
			uri := u.String()
			if p.byURI[uri] != nil {
				return
			}
			if _, ok := p.resources[uri]; ok {
				return
			}
			var data []byte
			file, name, ok := remoteFor(remotes, uri)
			if ok {
				if data, err = os.ReadFile(file); err != nil {
					return // checkRefs reports the $ref
				}
			} else if file, name, data, ok = builtinMeta(uri); !ok {
				return
			}
			if tooLarge(file, len(data), diags) {
				return
			}
			doc := parseDocument(file, name, uri, data, diags)
			if doc == nil {
				return
			}
			doc.inherit = draftOf(d.Root, d.inherit)
			doc.Remote = uri
			doc.builtin = strings.HasPrefix(name, "meta/")
			doc.overLimit = !checkLimits(doc, diags)
			p.byURI[uri] = doc
			if id := doc.Root.Get("$id"); id != nil && id.Kind == String {
				if abs, err := u.Parse(id.Str); err == nil {
					abs.Fragment, abs.RawFragment = "", ""
					if p.byURI[abs.String()] == nil {
						p.byURI[abs.String()] = doc
					}
					doc.URI = abs.String()
				}
			}
			p.indexResources(doc)
			p.Remotes = append(p.Remotes, doc)
			queue = append(queue, doc)
		})
	}
	slices.SortFunc(p.Remotes, func(a, b *Document) int { return strings.Compare(a.Name, b.Name) })
}

// SchemaDocs are the provider's schema files and the remote documents
// they reach: everything that is meta-validated, normalised and resolved.
func (p *Provider) SchemaDocs() []*Document {
	return slices.Concat(p.Docs, p.Remotes)
}

// compilerResources are the documents a jsonschema/v5 compiler is given,
// by URI: each remote document also under the URI it was reached by.
func (p *Provider) compilerResources(add func(uri string, data []byte)) {
	for _, d := range p.SchemaDocs() {
		if !d.builtin {
			add(d.URI, compilerBytes(d))
		}
	}
	for uri, d := range p.byURI {
		if d.URI != uri && slices.Contains(p.Remotes, d) && !d.builtin {
			add(uri, bytes.Clone(d.Raw))
		}
	}
}

// checkRemotes reports the manifest's remotes under which no $ref of the
// provider reaches a document: a manifest entry that matches nothing is a
// mistake (a typo in the prefix), as an unused extension is.
func (p *Provider) checkRemotes(diags *diag.List) {
	prefixes := make([]string, 0, len(p.Manifest.Remotes))
	for prefix := range p.Manifest.Remotes {
		prefixes = append(prefixes, prefix)
	}
	slices.Sort(prefixes)
	for _, prefix := range prefixes {
		used := slices.ContainsFunc(p.Remotes, func(d *Document) bool { return strings.HasPrefix(d.Remote, prefix) })
		if !used {
			key := strings.ReplaceAll(strings.ReplaceAll(prefix, "~", "~0"), "/", "~1")
			diags.Add(p.Manifest.At("/remotes/"+key), "remote %q is declared in %s but no $ref of %s reaches a document under it", prefix, ManifestName, p.Name)
		}
	}
}
