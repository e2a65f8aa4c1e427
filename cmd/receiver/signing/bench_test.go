package signing

import (
	"net/http"
	"strings"
	"testing"
)

// BenchmarkVerify measures one verification per scheme on a 4 KiB body,
// the typical size of a webhook delivery, with one key and with the
// worst case a request can force: MaxSignatures signatures that all fail
// against three keys.
func BenchmarkVerify(b *testing.B) {
	payload := []byte(strings.Repeat("x", 4<<10))
	for _, sc := range schemes {
		h := mustSignB(b, sc, payload)
		b.Run(sc.name, func(b *testing.B) {
			v, err := New(sc.cfg, []string{sc.verify}, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				if err := v.VerifyAt(h, payload, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, sc := range schemes {
		if sc.timeHeader == "" {
			continue // one digest per header: no list to make long
		}
		h := mustSignB(b, sc, payload)
		one := strings.Fields(h.Get(sc.sigHeader))[0]
		h.Set(sc.sigHeader, strings.TrimSpace(strings.Repeat(one+" ", MaxSignatures)))
		b.Run(sc.name+"/worst", func(b *testing.B) {
			v, err := New(sc.cfg, []string{sc.wrongVerify, sc.wrongVerify, sc.wrongVerify}, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := v.VerifyAt(h, payload, now); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

func mustSignB(b *testing.B, sc scheme, payload []byte) http.Header {
	s, err := NewSigner(sc.cfg, []string{sc.sign})
	if err != nil {
		b.Fatal(err)
	}
	h, err := s.Sign("msg_bench", now, payload)
	if err != nil {
		b.Fatal(err)
	}
	return h
}
