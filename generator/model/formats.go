package model

// formatCheckers are the formats hookgen asserts, with their runtime
// checker (templates/hookrt/format*.go): every format JSON Schema drafts 7
// to 2020-12 define, and the older names jsonschema/v5 also asserts
// (ip-address, uriref) or draft 3 defined (host-name). Each is checked as
// its specification says, which is not always as jsonschema/v5 does; the
// runtime's format_test.go lists the differences. Any other format is an
// annotation, as JSON Schema says of formats it does not define.
//
// referenceFormats are those jsonschema/v5 asserts: a schema using one
// hookgen lacks would be refused rather than checked differently.
// formats_test.go keeps every one of them in formatCheckers, and
// formatCheckers equal to the runtime's own table.
var (
	formatCheckers = map[string]string{
		"date-time": "hkIsDateTime", "date": "hkIsDate", "time": "hkIsTime",
		"duration": "hkIsDuration", "period": "hkIsPeriod",
		"email": "hkIsEmail", "idn-email": "hkIsIDNEmail",
		"hostname": "hkIsHostname", "host-name": "hkIsHostname", "idn-hostname": "hkIsIDNHostname",
		"ipv4": "hkIsIPv4", "ip-address": "hkIsIPv4", "ipv6": "hkIsIPv6",
		"uri": "hkIsURI", "uri-reference": "hkIsURIReference", "uriref": "hkIsURIReference",
		"iri": "hkIsIRI", "iri-reference": "hkIsIRIReference", "uri-template": "hkIsURITemplate",
		"json-pointer": "hkIsJSONPointer", "relative-json-pointer": "hkIsRelativeJSONPointer",
		"regex": "hkIsRegex", "uuid": "hkIsUUID",
	}
	referenceFormats = set("date-time", "date", "time", "duration", "period", "hostname", "email",
		"ip-address", "ipv4", "ipv6", "uri", "iri", "uri-reference", "uriref", "iri-reference",
		"uri-template", "regex", "json-pointer", "relative-json-pointer", "uuid")
)
