package hookrt

// formatSeeds are inputs for the formats hookgen asserted first, run by
// every one of them (date-time, date, time, email, hostname, ipv4, ipv6,
// uri, uuid).
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

// formatExtraSeeds are more inputs for one format each (and its
// aliases), beside the suite's: what webhook payloads hold, and the edges
// of each grammar.
var formatExtraSeeds = map[string][]string{
	"uri-template": {
		// GitHub's payloads: hypermedia links with path and query expressions.
		"https://api.github.com/orgs/o/members{/member}", "https://api.github.com/repos/o/r/issues{/number}",
		"https://api.github.com/repos/o/r/git/commits{/sha}", "https://api.github.com/users/u/starred{/owner}{/repo}",
		"https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}", "https://api.github.com/repos/o/r/compare/{base}...{head}",
		"https://api.github.com/repos/o/r/contents/{+path}", "http://example.com/search{?q,lang}", "{/list*}", "X{.var:3}",
		"{;x,y,empty}", "{&x}", "{=x}", "{!x}", "{@x}", "{|x}", "{x", "x}", "{{x}}", "{x:}", "{x:1a}", "{x**}", "{.x.}", "%zz", "%4",
		"urn:{ns}:{id}", "a\u00a0b", "a\ufffeb",
	},
	"uri": {
		"https://api.github.com/repos/o/r", "mailto:a@b.c", "urn:isbn:0451450523", "http://[v7.x:y]/", "http://[v.x]/",
		"http://[::1%25eth0]/", "http://[fe80::1]:x/", "http://a:b@h:8080/p?q#f", "http://h/%7E", "h:", "a+b-c.d:x",
		"http://h/?#", "http://h/a#b#c", "http://h/a?b?c", "file:///etc/hosts", "http://[1::2::3]/",
	},
	"uri-reference": {
		"", "#", "?", "./a:b", "a/b:c", "a:b", "//h:80", "//[::1]", "../x", "%41", "a%2", "g;x=1/../y", "//u@h@x",
	},
	"iri":           {"http://\u00e9.example/\u00e9?\ue000#x", "http://h/#\ue000", "http://h/\ufffe", "http://h/\U0001F600"},
	"iri-reference": {"\u00e9", "/\u00e9?\U000F0000", "#\u00e9", "\u00e9:x"},
	"regex": {
		"^[a-z]+$", "a{2,1}", "a{1,2}", "a{,2}", "x{", "}", "]", "(?:a)", "(?=a)*", "(?<n>a)(?<m>b)\\k<m>", "\\k<x>", "(a)\\2",
		"(a)\\1", "[a-\\d]", "[z-a]", "[\\b]", "\\u{10FFFF}", "\\u{110000}", "\\uD83D\\uDE00", "\\p{L}", "\\p{Script=Latin}",
		"\\p{Nope}", "\\p{sc=Latn}", "(?i:a)", "(?-i:a)", "(?ii:a)", "(?-:a)", "\\0", "\\00", "a|", "|", "()", "(", ")",
		"\\", "[", "\\/", "\\-", "[\\-]", "\\c", "\\c1", "\\x4", "\\x41", "a**", "a+?", "$*", "\\b+",
	},
	"json-pointer":          {"/a~", "/~01", "~0", "/a/b~1c"},
	"relative-json-pointer": {"0+1/foo", "1-1#", "0-0", "0+01", "0+", "2#", "3/~"},
	"duration":              {"P1W", "PT1H", "P1Y2M3DT4H5M6S", "P1DT", "PTS", "P1H", "PT1Y", "P1M1Y", "P1Y1Y", "P1YT1M1H"},
	"period":                {"2024-01-01T00:00:00Z/P1D", "P1D/2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z/2024-02-01T00:00:00Z", "P1D/P2D", "/", "P1D"},
	"hostname": {
		"example.com", "a.-b.com", "a.b-.com", "ab--cd.com", "xn--bcher-kva.example", "XN--BCHER-KVA.example",
		"xn--bcher-kva-.example", "xn--ls8h.la", "xn--9n2bp8q.xn--9t4b11yi5a",
	},
	"ipv4": {"-0.1.1.1", "00.0.0.0", "1.2.3.04", "1.2.3", "1.2.3.", " 1.2.3.4", "255.255.255.255", "0.0.0.0"},
	"ipv6": {"::ffff:1.2.3.4", "::ffff:01.2.3.4", "fe80::1%eth0", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", ":::"},
	"email": {
		"a@xn--X.com", "a@example.", "a@a.-b.com", " a@example.com", "a@example.com ", "\u00e9@example.com", "\"\"@example.com",
		"\"\u00e9\"@example.com", "(c)a@example.com", "a(c)@example.com", "A <a@example.com>", "\"a\\\u00e9\"@example.com",
		"a@[IPv6:1::2::3]", "a@[1.2.3]", "\t a@example.com",
	},
	"idn-hostname": {"ab--cd.example", "xn--bcher-kva.example", "b\u00fccher.example", "B\u00fccher.example"},
	"idn-email":    {"a@ab--cd.example", "\"a\\\"b\"@example.com", "\"a\nb\"@example.com", "a..b@example.com", ".a@example.com"},
}
