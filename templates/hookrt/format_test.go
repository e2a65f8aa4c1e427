package hookrt

import (
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

var formatSeeds = []string{
	"", "2024-01-15T10:30:00Z", "2024-01-15t10:30:00z", "2024-02-30T10:30:00Z", "1998-12-31T23:59:60Z",
	"1998-12-31T15:59:60-08:00", "1998-12-31T23:58:60Z", "2024-01-15T10:30:00.123+05:30", "2024-01-15T10:30:00",
	"2024-01-15", "2024-13-01", "10:30:00Z", "23:59:60Z", "1:2:3Z", "a@b.co", "john.doe@example.com",
	"[email protected]", "a@[127.0.0.1]", "a@[IPv6:::1]", "-a.com", "a-.com", "exa_mple.com", "xn--ls8h.la",
	"a..b@x.com", ".a@x.com", "a.@x.com", "a@x.com.", "a+b@x.com", "a@-x.com", "\"q\"@x.com", "John <j@x.com>", "1.2.3.4.5", "+1.2.3.4",
	"127.0.0.1", "127.0.0.01", "256.1.1.1", "::1", "1::2::3", "http://x.com/a?b#c", "//x.com", "http://[::1]:80/",
	"http://::1/", "550e8400-e29b-41d4-a716-446655440000", "550e8400e29b41d4a716446655440000", "b5b9f67g-5681-58f3-cd3b-3g1e8ec399c2",
	// A bad character in each group of a UUID, and dashes out of place.
	"550E8400-E29B-41D4-A716-446655440000", "g50e8400-e29b-41d4-a716-446655440000", "550e8400-e29g-41d4-a716-446655440000",
	"550e8400-e29b-41g4-a716-446655440000", "550e8400-e29b-41d4-g716-446655440000", "550e8400-e29b-41d4-a716-44665544000g",
	"550e8400-e29b-41d4-a7160446655440000", "550e8400-e29b-41d-4a716-446655440000", "550e8400-e29b-41d4-a716-4466554-0000",
	"550e8400-e29b-41d4-a716-4466554400000", "550e8400-e29b-41d4-a716-44665544\u00e9",
}

// TestFormatsAgreeWithReference runs every checker next to jsonschema/v5's.
func TestFormatsAgreeWithReference(t *testing.T) {
	for name, check := range hkFormats {
		ref := jsonschema.Formats[name]
		if ref == nil {
			t.Fatalf("jsonschema/v5 has no format %q", name)
		}
		for _, s := range formatSeeds {
			if got, want := check(s), ref(s); got != want {
				t.Errorf("%s(%q) = %v, jsonschema/v5 says %v", name, s, got, want)
			}
		}
	}
}

func FuzzFormats(f *testing.F) {
	for _, s := range formatSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, check := range hkFormats {
			if got, want := check(s), jsonschema.Formats[name](s); got != want {
				t.Fatalf("%s(%q) = %v, jsonschema/v5 says %v", name, s, got, want)
			}
		}
	})
}
