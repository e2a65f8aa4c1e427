package load

import (
	"strconv"

	"github.com/hookgen/hookgen/generator/diag"
)

// Limits on a schema file, checked right after parsing and before
// meta-validation, whose cost grows with depth and size (2,000 nested
// "properties" took 58 s and 1.2 GB to meta-validate; 3,000 nested
// "allOf" 844 MB). Hand-written webhook schemas stay far below them: the
// seed schemas nest 9 levels of JSON values, GitHub's webhook schemas 19,
// with at most 96 members in one object and 32 KB in one file.
const (
	// MaxDepth is how deeply JSON values may nest in a schema file: every
	// object and array is a level, so one level of "properties" is two.
	MaxDepth = 128
	// MaxFileBytes is the size of the largest schema file hookgen reads.
	MaxFileBytes = 8 << 20
	// MaxMembers is how many members one object, or items one array, may
	// have (one schema's properties, one enum's values).
	MaxMembers = 10000
)

// checkLimits reports, at its position, the first value of d that nests
// deeper than MaxDepth and every object or array longer than MaxMembers.
// It reports whether d is within the limits.
func checkLimits(d *Document, diags *diag.List) bool {
	ok := true
	deep := false
	var walk func(n *Node, ptr string, depth int)
	walk = func(n *Node, ptr string, depth int) {
		if deep {
			return
		}
		if depth > MaxDepth {
			diags.Add(d.pos(n, ptr), "nested deeper than %d levels of JSON values; hookgen reads schemas up to that depth", MaxDepth)
			deep, ok = true, false
			return
		}
		switch n.Kind {
		case Object:
			if len(n.Members) > MaxMembers {
				diags.Add(d.pos(n, ptr), "%d members in one object; hookgen reads schemas with up to %d", len(n.Members), MaxMembers)
				ok = false
			}
			for _, m := range n.Members {
				walk(m.Value, ptr+"/"+escapePointer(m.Name), depth+1)
			}
		case Array:
			if len(n.Items) > MaxMembers {
				diags.Add(d.pos(n, ptr), "%d items in one array; hookgen reads schemas with up to %d", len(n.Items), MaxMembers)
				ok = false
			}
			for i, it := range n.Items {
				walk(it, ptr+"/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	walk(d.Root, "", 0)
	return ok
}

// tooLarge reports a file over MaxFileBytes, before it is parsed.
func tooLarge(file string, size int, diags *diag.List) bool {
	if size <= MaxFileBytes {
		return false
	}
	diags.Add(diag.Pos{File: file, Line: 1, Col: 1}, "%d bytes; hookgen reads schema files of up to %d MiB", size, MaxFileBytes>>20)
	return true
}
