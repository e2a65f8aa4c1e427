package hookrt

import (
	"testing"
	"time"
)

var dateTimeSeeds = []string{
	"2024-01-15T10:30:00Z", "2024-01-15t10:30:00z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
	"1998-12-31T23:59:60Z", "1998-12-31T15:59:60-08:00", "1998-12-31T23:58:60Z", "2026-05-06T03:39:23+00:00",
	"2024-01-15T10:30:00.123456789+05:30", "2024-01-15T10:30:00.1234567891Z", "2024-01-15T10:30:00", "2024-01-15T10:30:00.Z",
	"2024-13-01T00:00:00Z", "2024-01-15T24:00:00Z", "2024-01-15T10:30:00+24:00", "2024-01-15 10:30:00Z", "0000-01-01T00:00:00Z",
	"2024-01-15T10:30:00+05:3", "+2024-01-15T10:30:00Z", "2024-01-15T10:30:00ZZ", "0000-10-01T00:00:00+00:+0",
	"2024-01-15T+1:-0:+5Z",
}

func TestParseDateTimeAgreesWithChecker(t *testing.T) {
	for _, s := range dateTimeSeeds {
		got, ok := hkParseDateTime([]byte(s))
		if ok != hkIsDateTime(s) {
			t.Errorf("%q: parsed %v, checker says %v", s, ok, hkIsDateTime(s))
		}
		if ok && s[17:19] != "60" {
			want, err := time.Parse(time.RFC3339Nano, s)
			if err == nil && !got.Equal(want) {
				t.Errorf("%q: got %v, time.Parse %v", s, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { hkParseDateTime([]byte("2026-05-06T03:39:23+05:00")) }); n != 0 {
		t.Errorf("allocates %v times", n)
	}
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range dateTimeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := hkParseDateTime([]byte(s))
		if ok != hkIsDateTime(s) {
			t.Fatalf("%q: parsed %v, checker says %v", s, ok, hkIsDateTime(s))
		}
		if ok && s[17:19] != "60" {
			if want, err := time.Parse(time.RFC3339Nano, s); err == nil && !got.Equal(want) {
				t.Fatalf("%q: got %v, time.Parse %v", s, got, want)
			}
		}
	})
}

// TestZoneIsCachedPerOffset: each offset has one location (so reading a
// time-stamp does not allocate), with that offset, whether it has a slot
// (whole quarter hours) or goes through the map.
func TestZoneIsCachedPerOffset(t *testing.T) {
	for _, offset := range []int{0, 3600, -3600, 5*3600 + 30*60, -(9*3600 + 30*60), 23*3600 + 45*60, -(23*3600 + 45*60), 5*3600 + 7*60, -61} {
		z := hkZone(offset)
		if hkZone(offset) != z {
			t.Errorf("offset %d: a second location", offset)
		}
		if _, got := time.Date(2024, 1, 1, 0, 0, 0, 0, z).Zone(); got != offset {
			t.Errorf("offset %d: location has offset %d", offset, got)
		}
	}
	if n := testing.AllocsPerRun(100, func() { hkZone(3 * 3600) }); n != 0 {
		t.Errorf("hkZone allocates %v times for a cached offset", n)
	}
}
