package model

// formatCheckers are the formats hookgen asserts, with their runtime
// checker. referenceFormats are those jsonschema/v5 asserts too: a schema
// using one hookgen lacks is refused rather than checked differently.
var (
	formatCheckers = map[string]string{
		"date-time": "hkIsDateTime", "date": "hkIsDate", "time": "hkIsTime", "email": "hkIsEmail",
		"hostname": "hkIsHostname", "ipv4": "hkIsIPv4", "ipv6": "hkIsIPv6", "uri": "hkIsURI", "uuid": "hkIsUUID",
	}
	referenceFormats = set("duration", "period", "ip-address", "iri", "uri-reference", "uriref",
		"iri-reference", "uri-template", "regex", "json-pointer", "relative-json-pointer")
)
