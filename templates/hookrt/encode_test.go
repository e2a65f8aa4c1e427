package hookrt

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

var encodeSeeds = []string{"", "plain", `q"uote\back`, "<a&b>", "\u2028\u2029", "tab\tnl\n\x01\x1f", "é😀", "\xff\xfe bad", "\x7f"}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range encodeSeeds {
		want, _ := json.Marshal(s)
		if got := hkAppendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range encodeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := hkAppendString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

func FuzzAppendFloat(f *testing.F) {
	for _, v := range []float64{0, -0.0, 1, 1.5, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, -2.5e-300, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		want, err := json.Marshal(v)
		got := hkAppendFloat(nil, v)
		if err != nil {
			if string(got) != "null" {
				t.Fatalf("%v: got %s for a value JSON cannot hold", v, got)
			}
			return
		}
		if string(got) != string(want) {
			t.Fatalf("%v: got %s, want %s", v, got, want)
		}
	})
}

func TestAppendTimeMatchesEncodingJSON(t *testing.T) {
	for _, tm := range []time.Time{time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC), time.Date(2026, 5, 6, 3, 39, 23, 120000000, hkZone(5*3600+1800))} {
		want, _ := json.Marshal(tm)
		if got := hkAppendTime(nil, tm); string(got) != string(want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
