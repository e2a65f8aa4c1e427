package hookrt

// drop leaves the current member out of the map: a member that
// additionalProperties: false refuses beside patternProperties is
// reported at the map while decoding, and its value is not read.
func (o *hkEntries[T]) drop() { o.pending = false }
