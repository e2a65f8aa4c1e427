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
