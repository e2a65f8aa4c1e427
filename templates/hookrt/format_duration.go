package hookrt

import "strings"

// hkIsDuration checks an ISO 8601 duration as RFC 3339 appendix A states
// it, which is what JSON Schema's "duration" refers to: "P", then weeks
// alone, or date units (a run of Y, M, D in order without gaps) and an
// optional "T" with time units (a run of H, M, S likewise), each a
// number of ASCII digits with no sign or fraction.
func hkIsDuration(s string) bool {
	if len(s) < 3 || s[0] != 'P' {
		return false
	}
	s = s[1:]
	date, s, ok := hkDurationUnits(s, "YMDW")
	if !ok {
		return false
	}
	if date == "W" {
		return s == ""
	}
	if date != "" && !strings.Contains("YMD", date) {
		return false
	}
	if s == "" {
		return date != ""
	}
	if s[0] != 'T' {
		return false
	}
	tm, s, ok := hkDurationUnits(s[1:], "HMS")
	return ok && s == "" && tm != "" && strings.Contains("HMS", tm)
}

// hkDurationUnits reads number-and-unit elements up to a "T" or the end,
// returning the units read as a substring of units (each unit at most
// once, in order), or false.
func hkDurationUnits(s, units string) (string, string, bool) {
	first, last := -1, -1
	for s != "" && s[0] != 'T' {
		n := hkDecimalPrefix(s)
		if n == 0 || n == len(s) {
			return "", s, false
		}
		u := strings.IndexByte(units, s[n])
		if u < 0 || u <= last || (first >= 0 && u != last+1) {
			return "", s, false
		}
		if first < 0 {
			first = u
		}
		last = u
		s = s[n+1:]
	}
	if first < 0 {
		return "", s, true
	}
	return units[first : last+1], s, true
}

// hkIsPeriod checks an ISO 8601 period as RFC 3339 appendix A states it:
// two date-times, or a date-time and a duration in either order, with a
// "/" between.
func hkIsPeriod(s string) bool {
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		return false
	}
	start, end := s[:slash], s[slash+1:]
	if hkIsDateTime(start) {
		return hkIsDateTime(end) || hkIsDuration(end)
	}
	return hkIsDuration(start) && hkIsDateTime(end)
}
