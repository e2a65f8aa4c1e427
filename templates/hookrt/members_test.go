package hookrt

import (
	"bytes"
	"testing"
)

// TestHasPrefixAt compares the word-at-a-time comparison with
// bytes.HasPrefix for every name length up to 24, a difference at each
// byte, and every offset.
func TestHasPrefixAt(t *testing.T) {
	for n := 0; n <= 24; n++ {
		q := make([]byte, n)
		for i := range q {
			q[i] = byte('a' + i)
		}
		for diff := -1; diff < n; diff++ {
			b := append([]byte("xy"), q...)
			b = append(b, "tail"...)
			if diff >= 0 {
				b[2+diff] ^= 0x20
			}
			for pos := 0; pos+n <= len(b); pos++ {
				if got, want := hkHasPrefixAt(b, pos, string(q)), bytes.HasPrefix(b[pos:], q); got != want {
					t.Fatalf("hkHasPrefixAt(%q, %d, %q) = %v, want %v", b, pos, q, got, want)
				}
			}
		}
	}
}

func FuzzHasPrefixAt(f *testing.F) {
	f.Add([]byte(`{"conversation_id":1}`), 1, `"conversation_id"`)
	f.Add([]byte(`{"id":1}`), 1, `"id"`)
	f.Fuzz(func(t *testing.T, b []byte, pos int, q string) {
		if pos < 0 || pos+len(q) > len(b) {
			return
		}
		if got, want := hkHasPrefixAt(b, pos, q), bytes.HasPrefix(b[pos:], []byte(q)); got != want {
			t.Fatalf("hkHasPrefixAt(%q, %d, %q) = %v, want %v", b, pos, q, got, want)
		}
	})
}
