package hookrt

import (
	"sync"
	"sync/atomic"
	"time"
)

// hkDigits reads n ASCII digits at b[i:].
func hkDigits(b []byte, i, n int) (int, bool) {
	if i+n > len(b) {
		return 0, false
	}
	v := 0
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// hkAtoi2 reads a two-character field as strconv.Atoi does, which is how
// jsonschema/v5 (and so hkIsTime) reads times: two digits, or a sign and
// one digit ("+5" is 5).
func hkAtoi2(b []byte, i int) (int, bool) {
	if i+2 > len(b) {
		return 0, false
	}
	c0, c1 := b[i], b[i+1]
	if c1 < '0' || c1 > '9' {
		return 0, false
	}
	switch {
	case c0 >= '0' && c0 <= '9':
		return int(c0-'0')*10 + int(c1-'0'), true
	case c0 == '+':
		return int(c1 - '0'), true
	case c0 == '-':
		return -int(c1 - '0'), true
	}
	return 0, false
}

// hkZones caches the fixed zones of offsets seen, so that reading a
// timestamp with an offset does not allocate a time.Location each time.
// Offsets in whole quarter hours (all zones in use) have a slot each,
// which costs a load; others go through a map.
var (
	hkZoneSlots [2*24*4 + 1]atomic.Pointer[time.Location]
	hkZones     sync.Map // seconds east of UTC → *time.Location
)

func hkZone(offset int) *time.Location {
	if offset%(15*60) == 0 && offset > -24*3600 && offset < 24*3600 {
		slot := &hkZoneSlots[offset/(15*60)+24*4]
		if z := slot.Load(); z != nil {
			return z
		}
		slot.CompareAndSwap(nil, time.FixedZone("", offset))
		return slot.Load()
	}
	if z, ok := hkZones.Load(offset); ok {
		return z.(*time.Location)
	}
	z, _ := hkZones.LoadOrStore(offset, time.FixedZone("", offset))
	return z.(*time.Location)
}

// hkParseDateTime reads an RFC 3339 date-time in one pass, without
// allocating: ok is false for anything hkIsDateTime rejects (the two are
// tested against each other). A leap second (23:59:60 UTC), which Go's
// time cannot hold, reads as 23:59:59.
func hkParseDateTime(b []byte) (time.Time, bool) {
	// yyyy-mm-ddThh:mm:ss[.frac](Z|±hh:mm)
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := hkDigits(b, 0, 4)
	month, ok2 := hkDigits(b, 5, 2)
	day, ok3 := hkDigits(b, 8, 2)
	hour, ok4 := hkAtoi2(b, 11)
	minute, ok5 := hkAtoi2(b, 14)
	sec, ok6 := hkAtoi2(b, 17)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 {
		return time.Time{}, false
	}
	if month < 1 || month > 12 || day < 1 || day > hkDaysIn(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 60 {
		return time.Time{}, false
	}
	i, nsec := 19, 0
	if b[i] == '.' {
		i++
		start := i
		scale := 100000000
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			nsec += int(b[i]-'0') * scale
			scale /= 10
			i++
		}
		if i == start {
			return time.Time{}, false
		}
	}
	if i >= len(b) {
		return time.Time{}, false
	}
	loc, offset := time.UTC, 0
	switch b[i] {
	case 'Z', 'z':
		if i+1 != len(b) {
			return time.Time{}, false
		}
	case '+', '-':
		if len(b)-i != 6 || b[i+3] != ':' {
			return time.Time{}, false
		}
		zh, ok1 := hkAtoi2(b, i+1)
		zm, ok2 := hkAtoi2(b, i+4)
		if !ok1 || !ok2 || zh < 0 || zh > 23 || zm < 0 || zm > 59 {
			return time.Time{}, false
		}
		offset = (zh*60 + zm) * 60
		if b[i] == '-' {
			offset = -offset
		}
		loc = hkZone(offset)
	default:
		return time.Time{}, false
	}
	if sec == 60 {
		// Only 23:59:60 UTC is a leap second.
		utc := (hour*60 + minute) - offset/60
		utc = ((utc % (24 * 60)) + 24*60) % (24 * 60)
		if utc != 23*60+59 {
			return time.Time{}, false
		}
		sec = 59
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc), true
}

func hkDaysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
