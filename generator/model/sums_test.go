package model

import (
	"strings"
	"testing"
)

// buildOne builds the model of one schema file, event.json.
func buildOne(t *testing.T, schema string) *Package {
	t.Helper()
	pkg, err := buildProvider(t, map[string]string{"event.json": schema}, Options{NoRouter: true})
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

func typeNamed(pkg *Package, name string) *Type {
	for _, t := range pkg.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TestSumRule: how a sum of objects without a discriminator finds its
// variant, and why.
func TestSumRule(t *testing.T) {
	const defs = `"$defs": {
		"User": {"type": "object", "required": ["login", "id"], "properties": {"login": {"type": "string"}, "id": {"type": "integer"}, "name": {"type": "string"}}},
		"Team": {"type": "object", "required": ["name", "id", "slug"], "properties": {"name": {"type": "string"}, "id": {"type": "integer"}, "slug": {"type": "string"}}}
	}`
	cases := []struct {
		why, branches string
		rule          SumRule
		variants      string // name:member, ...
	}{
		{"each requires a member the other does not declare (Team's name is User's too: slug is Team's own)",
			`[{"$ref": "#/$defs/User"}, {"$ref": "#/$defs/Team"}]`, SumByMembers, "User:login Team:slug"},
		{"both require only the same member: validation decides",
			`[{"title": "Small", "type": "object", "required": ["w"], "properties": {"w": {"maximum": 1}}}, {"title": "Large", "type": "object", "required": ["w"], "properties": {"w": {"minimum": 2}}}]`,
			SumByValidation, "EventXSmall: EventXLarge:"},
		{"b is required by one branch but declared by the other: no member of its own (each is named after the member only it requires)",
			`[{"type": "object", "required": ["a"], "properties": {"a": {}, "b": {}}}, {"type": "object", "required": ["b"], "properties": {"b": {}}}]`,
			SumByValidation, "EventXA: EventXB:"},
		{"inline branches are named after their own member",
			`[{"type": "object", "required": ["path"], "properties": {"path": {"type": "string"}}}, {"type": "object", "required": ["url"], "properties": {"url": {"type": "string"}}}]`,
			SumByMembers, "EventXPath:path EventXURL:url"},
	}
	for _, c := range cases {
		pkg := buildOne(t, `{"type": "object", "properties": {"x": {"oneOf": `+c.branches+`}}, `+defs+`}`)
		sum := typeNamed(pkg, "EventX")
		if sum == nil || sum.Kind != Sum {
			t.Errorf("%s: no sum EventX", c.why)
			continue
		}
		var got []string
		for _, v := range sum.Variants {
			got = append(got, v.Type.Name+":"+v.Member)
		}
		if sum.SumBy != c.rule || strings.Join(got, " ") != c.variants {
			t.Errorf("%s: rule %d, variants %s; want %d, %s", c.why, sum.SumBy, got, c.rule, c.variants)
		}
	}
}

// TestRootSumIsBoxed: a file's root sum is a struct holding the sum, so it
// can be an event.
func TestRootSumIsBoxed(t *testing.T) {
	pkg := buildOne(t, `{"oneOf": [
		{"type": "object", "required": ["reviewer"], "properties": {"reviewer": {"type": "string"}}},
		{"type": "object", "required": ["team"], "properties": {"team": {"type": "string"}}}]}`)
	root := pkg.Roots[0].Type
	if root.Name != "Event" || root.Kind != Defined || !root.Base.IsSum() || root.Base.Type.Name != "EventVariant" {
		t.Fatalf("root %s (kind %d), base %+v", root.Name, root.Kind, root.Base)
	}
}

// TestClosedBesideOneOf: additionalProperties: false and no properties
// beside a oneOf (GitHub's secret-scanning-location) marks every variant.
func TestClosedBesideOneOf(t *testing.T) {
	pkg := buildOne(t, `{"type": "object", "properties": {"loc": {"type": "object", "additionalProperties": false, "oneOf": [
		{"type": "object", "required": ["type"], "properties": {"type": {"enum": ["commit"]}}},
		{"type": "object", "required": ["type"], "properties": {"type": {"enum": ["issue"]}}}]}}}`)
	sum := typeNamed(pkg, "EventLoc")
	if sum == nil || sum.Kind != Sum || len(sum.Variants) != 2 {
		t.Fatalf("no sum EventLoc: %+v", sum)
	}
	for _, v := range sum.Variants {
		if v.Type.Object == nil || !v.Type.Object.NoMembers {
			t.Errorf("variant %s is not marked NoMembers", v.Type.Name)
		}
	}
}
