package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hookgen/hookgen/generator/load"
	"github.com/hookgen/hookgen/generator/naming"
)

// Sums of objects that no discriminator tells apart (GitHub's
// "requested_reviewers": a User or a Team). The branches are typed structs;
// the variant of a payload is decided, in this order of preference:
//
//   - by members (SumByMembers): every branch requires a member that no
//     other branch declares, in properties or required. A payload holding
//     exactly one of these members can only be valid as that branch (every
//     other branch misses its own required member), so the runtime peeks
//     the object's member names once, without decoding, and decodes that
//     branch. A payload with none of them matches no branch; one with
//     several is tried as below.
//   - by validation (SumByValidation): the payload is decoded as each
//     branch in schema order and validated; oneOf takes the one that is
//     valid, anyOf the first.
//
// A payload no branch takes (or, with oneOf, more than one) is the sum's
// unknown variant: it keeps the JSON, and validating it decodes the JSON as
// each variant again and reports what every one of them finds wrong (or,
// with oneOf, that several take it), as jsonschema/v5 does.

// objectSum reports whether a oneOf/anyOf whose branches are alts (two or
// more, no discriminator) can be a sum of structs: every branch a typed
// object schema with properties or required members (a struct, not a
// map), no two branches the same schema.
func (b *builder) objectSum(alts []load.Schema) bool {
	seen := map[string]bool{}
	for _, br := range alts {
		target := b.follow(br)
		if !b.structBranch(target) || seen[target.Key()] {
			return false
		}
		seen[target.Key()] = true
	}
	return true
}

// structBranch reports whether s is a typed object schema that becomes a
// struct of its own: "type": "object", properties or required, and no
// combinator of its own.
func (b *builder) structBranch(s load.Schema) bool {
	k := s.Keywords()
	if k.Bool != nil || b.rawReason(s) != "" || !typeIs(k, "object") {
		return false
	}
	for _, kw := range []string{"oneOf", "anyOf", "allOf", "$ref"} {
		if k.Has(kw) {
			return false
		}
	}
	return len(k.Properties) > 0 || len(k.Required) > 0
}

// distinguishing returns, for each branch, the first member in its
// required list that no other branch declares (in properties or
// required), or nil when some branch has none.
func distinguishing(targets []load.Schema) []string {
	declared := make([]map[string]bool, len(targets))
	for i, t := range targets {
		k := t.Keywords()
		declared[i] = map[string]bool{}
		for _, p := range k.Properties {
			declared[i][p.Name] = true
		}
		for _, r := range k.Required {
			declared[i][r] = true
		}
	}
	out := make([]string, len(targets))
	for i, t := range targets {
		req := t.Keywords().Required
		if req == nil {
			return nil
		}
		for _, r := range req {
			unique := true
			for j := range targets {
				if j != i && declared[j][r] {
					unique = false
					break
				}
			}
			if unique {
				out[i] = r
				break
			}
		}
		if out[i] == "" {
			return nil
		}
	}
	return out
}

// closedBeside reports whether the oneOf/anyOf at s stands beside
// "additionalProperties": false and no properties (GitHub's
// secret-scanning-location): every member of the object breaks that, and
// the branches, inline structs that each require a member, carry the rule
// as NoMembers.
//
// The branches are s's own (its oneOf, else its anyOf); the second
// argument, the combinator's located value, is not read.
func (b *builder) closedBeside(s load.Schema) bool {
	k := s.Keywords()
	if ap := k.AdditionalProperties; ap == nil || !isFalse(*ap) || len(k.Properties) > 0 {
		return false
	}
	alts, _ := unionAlternatives(unionBranches(k))
	for _, br := range alts {
		bk := br.Keywords()
		if bk.Bool != nil || bk.Has("$ref") || !b.structBranch(br) || len(bk.Required) == 0 {
			return false
		}
	}
	return len(alts) > 0
}

// closeVariants marks the variants of the sum at s NoMembers when the sum
// stands beside additionalProperties: false (closedBeside).
func (b *builder) closeVariants(s load.Schema, t *Type) {
	if !b.closedBeside(s) {
		return
	}
	t.Doc = strings.TrimSpace(t.Doc + "\n\nNo value is valid: beside the " + t.SumKeyword + ", the schema says additionalProperties: false and declares no properties, so every member is a violation, and each variant requires one.")
	for _, v := range t.Variants {
		if v.Type.Object == nil {
			v.Type.Object = &ObjectRules{MinProperties: -1, MaxProperties: -1}
		}
		v.Type.Object.NoMembers = true
	}
}

// objectSumType builds the Sum of a oneOf/anyOf of structs that no
// discriminator tells apart (objectSum): by members when each branch has
// one of its own, else by validation.
//
// A file's root may be an event, whose type must be a struct: there the
// sum is boxed, `type T struct{ Value TVariant }` (a Defined type whose
// Base is the sum), and the interface is named TVariant.
func (b *builder) objectSumType(s load.Schema, kw string, alts []load.Schema, nullable bool) Ref {
	var box *Type
	var t *Type
	if s.Pointer == "" {
		box = b.declare(s, Defined)
		t = b.declareAs(s, Sum, box.Name+"Variant")
	} else {
		t = b.declare(s, Sum)
	}
	b.nameSum(s, t, kw)
	r := Ref{Kind: Named, Type: t, Nullable: nullable}
	if box != nil {
		box.Base = Ref{Kind: Named, Type: t}
		r.Type = box
	}
	b.refs[s.Key()] = r
	var targets []load.Schema
	for _, br := range alts {
		targets = append(targets, b.follow(br))
	}
	members := distinguishing(targets)
	if len(members) > 64 {
		members = nil // the runtime peeks at most 64 names in one word
	}
	t.SumBy = SumByValidation
	if members != nil {
		t.SumBy = SumByMembers
	}
	for i, br := range alts {
		vr := b.typeAt(br, false)
		if vr.Kind != Named || vr.Type.Kind != Struct || vr.Nullable {
			b.diags.Add(br.Pos(), "branch is not an object type")
			continue
		}
		v := Variant{Type: vr.Type}
		if members != nil {
			v.Member = members[i]
		}
		t.Variants = append(t.Variants, v)
		if !slices.Contains(vr.Type.Implements, t) {
			vr.Type.Implements = append(vr.Type.Implements, t)
		}
	}
	return r
}

// declareAs declares a type of the schema at s under a name of the
// model's choosing (declare names it after s).
func (b *builder) declareAs(s load.Schema, kind TypeKind, name string) *Type {
	t := &Type{
		Kind:   kind,
		Name:   name,
		Doc:    docOf(s),
		Source: b.prov.Name + "/" + s.Doc.Name + "#" + s.Pointer,
		Pos:    s.Pos(),
		offset: s.Offset(),
	}
	b.claim(t.Name, "type "+t.Name, s.Pos())
	b.pkg.Types = append(b.pkg.Types, t)
	fileFor(b.pkg, s.Doc).Types = append(fileFor(b.pkg, s.Doc).Types, t)
	return t
}

// memberBranchName names an inline branch of a sum told apart by members
// after its role, the member only it requires ("RequestedTeam"), when the
// const of its first pinned required member does not name it apart (as in
// GitHub's review_requested, where both branches pin "action" alike). ""
// otherwise, and when a branch is a $ref (the branch's type is then named
// after its target).
func memberBranchName(branches []load.Schema, idx int) string {
	alts, _ := unionAlternatives(branches)
	at := -1
	for i, br := range alts {
		if k := br.Keywords(); k.Bool != nil || k.Has("$ref") {
			return ""
		}
		if br.Key() == branches[idx].Key() {
			at = i
		}
	}
	if at < 0 || len(alts) < 2 {
		return ""
	}
	own := pinnedName(alts[at])
	if own != "" {
		unique := true
		for i, br := range alts {
			if i != at && pinnedName(br) == own {
				unique = false
			}
		}
		if unique {
			return ""
		}
	}
	if members := distinguishing(alts); members != nil {
		return naming.Exported(members[at])
	}
	// No member of its own: the first member only this branch requires,
	// when every branch has one.
	names := map[string]bool{}
	mine := make([]string, len(alts))
	for i, br := range alts {
		req := br.Keywords().Required
		if req == nil {
			return ""
		}
		for _, r := range req {
			unique := true
			for j, other := range alts {
				if j != i && slices.Contains(other.Keywords().Required, r) {
					unique = false
				}
			}
			if unique {
				mine[i] = naming.Exported(r)
				break
			}
		}
		if mine[i] == "" || names[mine[i]] {
			return ""
		}
		names[mine[i]] = true
	}
	return mine[at]
}

// pinnedName is the Go name of the string the first pinned required
// member of an object schema is pinned to, as branchName reads it.
func pinnedName(br load.Schema) string {
	k := br.Keywords()
	for _, r := range k.Required {
		if p, ok := k.Property(r); ok {
			if v, ok := pinned(p.Keywords()); ok && naming.Exported(v) != "" {
				return naming.Exported(v)
			}
		}
	}
	return ""
}

// SumRuleText describes how a sum finds its variant, for its doc comment.
func (t *Type) SumRuleText() string {
	switch t.SumBy {
	case SumByMembers:
		var parts []string
		for _, v := range t.Variants {
			parts = append(parts, fmt.Sprintf("%q (*%s)", v.Member, v.Type.Name))
		}
		return fmt.Sprintf("The variant is the one whose own required member is present: %s; no other variant declares it. A payload with none of them is a *%s; one with several is decoded as each of those variants in turn and %s.",
			joinOr(parts), t.Unknown, validationRule(t))
	case SumByValidation:
		text := fmt.Sprintf("No member tells the variants apart: a payload is decoded as each variant in turn and %s.", validationRule(t))
		if t.SumKeyword == "oneOf" {
			text += " A variant's Validate checks that variant's schema only: a value you build that another variant accepts too breaks the oneOf, which only decoding sees."
		}
		return text
	}
	return ""
}

func validationRule(t *Type) string {
	if t.SumKeyword == "anyOf" {
		return fmt.Sprintf("the first that validates is taken (anyOf); when none does it is a *%s", t.Unknown)
	}
	return fmt.Sprintf("the one that validates is taken (oneOf); when none or several do it is a *%s", t.Unknown)
}

func joinOr(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	out := ""
	for i, p := range parts {
		switch {
		case i == 0:
			out = p
		case i == len(parts)-1:
			out += " or " + p
		default:
			out += ", " + p
		}
	}
	return out
}

// Typed reads of load.Keywords that the files of the model share.

// typeIs reports whether the schema's type is the one type name
// ("type": "object").
func typeIs(k *load.Keywords, name string) bool {
	return len(k.Type) == 1 && k.Type[0] == name
}

// pinned returns the one string a property schema allows: its const, or
// the value of an enum of one string ("enum": ["queued"], as GitHub writes
// its discriminators). It is build.go's pinnedString, read from Keywords.
func pinned(k *load.Keywords) (string, bool) {
	if c := k.Const; c != nil && c.Kind == load.String {
		return c.Str, true
	}
	if len(k.Enum) == 1 && k.Enum[0].Kind == load.String {
		return k.Enum[0].Str, true
	}
	return "", false
}

// combinator returns the branches of the array keyword kw: oneOf, anyOf,
// allOf or prefixItems.
func combinator(k *load.Keywords, kw string) []load.Schema {
	switch kw {
	case "oneOf":
		return k.OneOf
	case "anyOf":
		return k.AnyOf
	case "allOf":
		return k.AllOf
	case "prefixItems":
		return k.PrefixItems
	}
	return nil
}
