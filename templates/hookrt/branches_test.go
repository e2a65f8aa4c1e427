package hookrt

import "testing"

func TestRefusedWithin(t *testing.T) {
	root := (*hkPath)(nil)
	events := root.field("events")
	item := events.item(0)
	other := root.field("eventsx")
	var e hkErrors
	if e.refusedWithin(&events) {
		t.Fatal("nothing refused, yet refusedWithin")
	}
	e.refuse(&item, "type", "expected string, but got number")
	if !e.refusedWithin(&events) || !e.refusedWithin(&item) {
		t.Error("a refused item is not within its array")
	}
	if e.refusedWithin(&other) {
		t.Error("/events/0 counted within /eventsx")
	}
}

// TestRefusedMember: an assertion reading a member is skipped when
// decoding refused that member, the object holding it, or never saw it
// (required and missing); not for a sibling, a member deeper inside, or on
// an empty collector (Validate on its own).
func TestRefusedMember(t *testing.T) {
	root := (*hkPath)(nil)
	contact := root.field("contact")
	email := contact.field("email")
	deep := contact.field("address")
	street := deep.field("street")
	var e hkErrors
	if e.refusedMember(&contact, "email") {
		t.Fatal("nothing refused, yet refusedMember")
	}
	e.refuse(&email, "type", "expected string, but got number")
	e.refuse(&street, "type", "expected string, but got number")
	if !e.refusedMember(&contact, "email") {
		t.Error("a refused member is not refused")
	}
	if e.refusedMember(&contact, "phone") {
		t.Error("a sibling of a refused member counted as refused")
	}
	if e.refusedMember(&contact, "address") {
		t.Error("a member with a refused value inside it counted as refused itself")
	}
	var whole hkErrors
	whole.refuse(&contact, "type", "expected object, but got string")
	if !whole.refusedMember(&contact, "phone") {
		t.Error("a member of a refused object is not refused")
	}
	var missing hkErrors
	phone := contact.field("phone")
	missing.refuseOnly(&phone)
	if !missing.refusedMember(&contact, "phone") || len(missing.list) != 0 {
		t.Errorf("a required member never seen: refused %v, violations %v", missing.refusedMember(&contact, "phone"), missing.list)
	}
}

// TestTupleMissing: a short array's missing positions (those always
// present) are refused, so validation adds nothing at or below them; the
// positions read are not.
func TestTupleMissing(t *testing.T) {
	d := hkDecoder{data: []byte(`["a"]`)}
	root := (*hkPath)(nil)
	tp := root.field("pair")
	tu, fp := hkTupleItems(), tp.item(0)
	var err error
	for tu.next(&d, &fp, &err) {
		var s string
		err = d.readString(&fp, &s)
	}
	if err != nil {
		t.Fatal(err)
	}
	tu.missing(&d, &tp, 3)
	for i, want := range []bool{false, true, true, false} {
		ip := tp.item(i)
		before := len(d.errs.list)
		d.errs.add(&ip, "minLength", "too short")
		if got := len(d.errs.list) == before; got != want {
			t.Errorf("/pair/%d: refused %v, want %v", i, got, want)
		}
	}
	inner := tp.item(2)
	below := inner.field("x")
	if !d.errs.isRefused(below.String()) {
		t.Error("a pointer below a missing position is not refused")
	}
}
