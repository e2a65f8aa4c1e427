package hookrt

import (
	"errors"
	"strings"
	"testing"
)

func TestPathEscapesAndErrors(t *testing.T) {
	var e hkErrors
	if e.err() != nil {
		t.Fatal("empty collector reports an error")
	}
	root := (*hkPath)(nil)
	a := root.field("a/b~c")
	i := a.item(3)
	e.add(&i, "type", "bad")
	e.add(root, "required", "missing")
	err := e.err()
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 2 {
		t.Fatalf("got %v", err)
	}
	if ve.Violations[0].Pointer != "/a~1b~0c/3" || ve.Violations[1].Pointer != "" {
		t.Errorf("pointers %q %q", ve.Violations[0].Pointer, ve.Violations[1].Pointer)
	}
	if got := err.Error(); got != "invalid payload: 2 violations: #/a~1b~0c/3: type: bad; #: required: missing" {
		t.Errorf("message %q", got)
	}
	if allocs := testing.AllocsPerRun(100, func() {
		p := root.field("x")
		q := p.item(1)
		_ = q
	}); allocs != 0 {
		t.Errorf("paths allocate %v times", allocs)
	}
}

// TestRefusedValuesGetOneViolation: after decoding refused a value, the
// checks of validation at its pointer add nothing; elsewhere they do.
func TestRefusedValuesGetOneViolation(t *testing.T) {
	var e hkErrors
	list := (*hkPath)(nil).field("list")
	first, second := list.item(0), list.item(1)
	e.refuse(&first, "type", "expected string, but got number")
	e.add(&first, "minLength", "length must be >= 2, but got 0")
	e.add(&second, "minLength", "length must be >= 2, but got 1")
	// Below a refused (or missing) value nothing is reported either; a
	// sibling whose name starts the same is another value.
	obj, objs := (*hkPath)(nil).field("obj"), (*hkPath)(nil).field("objs")
	e.refuseOnly(&obj)
	inner := obj.field("id")
	e.add(&inner, "minimum", "must be >= 1 but found 0")
	e.add(&objs, "type", "expected array, but got nothing")
	var got []string
	for _, v := range e.list {
		got = append(got, v.Keyword+" "+v.Pointer)
	}
	if strings.Join(got, ", ") != "type /list/0, minLength /list/1, type /objs" {
		t.Errorf("violations: %v", got)
	}
}

// TestPathEmptyMember: a member named "" is reported at its object, as
// jsonschema/v5 reports it.
func TestPathEmptyMember(t *testing.T) {
	root := (*hkPath)(nil)
	codes := root.field("codes")
	empty := codes.field("")
	inner := empty.field("x")
	top := root.field("")
	for _, c := range []struct {
		p    *hkPath
		want string
	}{{&empty, "/codes"}, {&inner, "/codes/x"}, {&top, ""}} {
		if got := c.p.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
