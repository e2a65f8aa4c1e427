package hookrt

import (
	"errors"
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
