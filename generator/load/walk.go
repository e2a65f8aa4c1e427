package load

// WalkSchemas calls f on s and every sub-schema below it (not through
// $ref), in document order: for checks of the model that look at every
// schema of a file whether or not a type is built for it.
func WalkSchemas(s Schema, f func(Schema)) { walkSchemas(s, f) }
