package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hookgen/hookgen/generator/load"
)

// The doc comments of the generated types are decided here, once every
// name, event and variant is known; emitters print Type.Comment and use
// Type.AName in the comments of methods.
//
// A comment leads with the schema's own words: "AIFlow is an AI Agent
// flow." from a title, "Channel is the channel the thread lives on." from
// a description that is a noun phrase, or the description as written when
// it is a sentence of its own. Then the shape, and the source last:
// "It is an object, generated from peach/common.json#/$defs/AIFlow."

// schemaWords reads a schema's title and description, trimmed.
func schemaWords(s load.Schema) (title, description string) {
	k := s.Keywords()
	return strings.TrimSpace(k.Title), strings.TrimSpace(k.Description)
}

// describeTypes fills every type's AName and Comment.
func (b *builder) describeTypes() {
	for _, t := range b.pkg.Types {
		t.AName = Article(t.Name) + " " + t.Name
		t.Comment = typeComment(t)
	}
	for _, t := range b.pkg.Types {
		if t.Kind == Sum {
			t.UnknownComment, t.DecoderComment = sumComments(t)
		}
	}
}

// sumComments are the doc comments of the declarations beside a sum's
// interface: the struct holding what no variant takes, and the decoder.
func sumComments(t *Type) (unknown, decoder string) {
	if t.SumBy == SumByDiscriminator {
		return fmt.Sprintf("%s is %s whose %q this package does not know, such as a variant the provider added after the schemas were written, or one without %q. Raw keeps the JSON as received. It never validates: the schema allows only the known variants.", t.Unknown, t.AName, t.Discriminator, t.Discriminator),
			fmt.Sprintf("%s decodes %s: the variant named by %q, or *%s for a value this package does not know. The error lists every violation found while decoding; call Validate for the rest.", t.Decoder, t.AName, t.Discriminator, t.Unknown)
	}
	taken := "no variant validates"
	if t.SumKeyword == "oneOf" {
		taken = "no variant, or more than one, validates"
	}
	return fmt.Sprintf("%s is a %s that %s: Raw keeps the JSON as received, and Validate decodes it as each variant again and reports what every one finds wrong (or, with oneOf, that several take it), as the %s would.", t.Unknown, t.Name, taken, t.SumKeyword),
		fmt.Sprintf("%s decodes a %s, choosing its variant as the type's doc says. The error lists every violation found while decoding; call Validate for the rest.", t.Decoder, t.Name)
}

func typeComment(t *Type) string {
	lead, descUsed, leadIsShape := leadSentence(t)
	paras := []string{lead}
	if t.Description != "" && !descUsed {
		paras = append(paras, t.Description)
	}
	switch {
	case t.Kind == Sum && t.SumBy != SumByDiscriminator:
		var names []string
		for _, v := range t.Variants {
			names = append(names, "*"+v.Type.Name)
		}
		paras = append(paras, fmt.Sprintf("It holds %s, or *%s for a value no variant takes. %s Decode it with %s.",
			strings.Join(names, ", "), t.Unknown, t.SumRuleText(), t.Decoder))
	case t.Kind == Tuple:
		rest := RestField
		if t.Rest == nil {
			rest = "nothing more (the schema allows no more items)"
		}
		paras = append(paras, "It is read from and written as a JSON array: the positions up to the first one absent, then "+rest+".")
	case t.Kind == Sum:
		var names []string
		for _, v := range t.Variants {
			names = append(names, fmt.Sprintf("*%s (%s %q)", v.Type.Name, t.Discriminator, v.Value))
		}
		paras = append(paras, fmt.Sprintf("It holds %s, or *%s for a value this package does not know. Decode it with %s.",
			strings.Join(names, ", "), t.Unknown, t.Decoder))
	}
	if t.Kind == Defined && t.Base.Kind == Raw && t.Base.RawReason != "" {
		paras = append(paras, fmt.Sprintf("It is kept as raw JSON because %s; Validate checks it against the schema.", t.Base.RawReason))
	}
	if leadIsShape {
		paras = append(paras, "Generated from "+t.Source+".")
	} else {
		paras = append(paras, "It is "+Shape(t)+", generated from "+t.Source+".")
	}
	return strings.Join(paras, "\n\n")
}

// leadSentence is the comment's first paragraph; descUsed says it holds
// the description, isShape that it says the type's shape (there were no
// words of the schema to lead with).
func leadSentence(t *Type) (lead string, descUsed, isShape bool) {
	title, desc := t.Title, t.Description
	if squash(title) == squash(t.Name) {
		title = "" // "Contact is a contact." says nothing
	}
	if t.Event != nil {
		// "Message sent (message_delivery.sent)": the event type is said
		// once, in the lead.
		title = strings.TrimSpace(strings.TrimSuffix(title, "("+t.Event.Type+")"))
		lead := t.Name + " is the " + t.Event.Type + " event"
		if title != "" {
			return lead + ": " + sentence(lowerFirst(title)), false, false
		}
		return lead + ".", false, false
	}
	switch {
	case title != "":
		return t.Name + " is " + nounPhrase(title), false, false
	case desc != "" && isNounPhrase(desc):
		return t.Name + " is " + lowerFirst(desc), true, false
	case desc != "":
		return desc, true, false
	}
	return t.Name + " is " + Shape(t) + ".", false, true
}

// squash keeps the letters and digits of s, lower-cased.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// nounPhrase is a title as the complement of "X is": with an article unless
// it has one, its first word lower-cased unless it is a name or acronym,
// ending with a full stop.
func nounPhrase(title string) string {
	first, _, _ := strings.Cut(title, " ")
	switch strings.ToLower(first) {
	case "the", "a", "an":
		return sentence(lowerFirst(title))
	}
	return sentence(Article(title) + " " + lowerFirst(title))
}

// isNounPhrase reports whether a description reads as what the type is
// ("The channel the thread lives on, such as telegram.") rather than a
// sentence of its own ("The docs list this event by name only."): it
// starts with an article, and no common verb comes after its first noun
// before a clause of its own begins ("the", "that", "of", ...).
func isNounPhrase(desc string) bool {
	words := strings.Fields(strings.ToLower(desc))
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "the", "a", "an":
	default:
		return false
	}
	for _, w := range words[1:] {
		end := strings.ContainsAny(w, ".;:,")
		switch strings.Trim(w, ".;:,()\"'") {
		case "the", "a", "an", "that", "which", "who", "whose", "whom", "where", "when", "of", "for", "to", "in", "on", "with", "such", "by", "from":
			return true
		case "is", "are", "was", "were", "be", "has", "have", "had", "do", "does", "did", "can", "may", "must", "will", "should",
			"list", "lists", "show", "shows", "give", "gives", "name", "names", "write", "writes", "keep", "keeps", "say", "says":
			return false
		}
		if end {
			return true
		}
	}
	return true
}

// sentence ends s with a full stop unless it ends with punctuation.
func sentence(s string) string {
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?:") {
		return s
	}
	return s + "."
}

// lowerFirst lower-cases the first letter of s when its first word is an
// ordinary capitalised word ("Message sent" → "message sent"), not an
// acronym or a name with more capitals ("AI Agent", "GitHub", "URL").
func lowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	r, n := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) {
		return s
	}
	for _, c := range first[n:] {
		if unicode.IsUpper(c) || unicode.IsDigit(c) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// Article is "a" or "an" for the word or phrase s, by how it is read: an
// acronym by its letters ("an AIFlow", "an HTTP", "a URL"), a word by its
// first sound ("an event", "a user", "an update", "an integer").
func Article(s string) string {
	word, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	if word == "" {
		return "a"
	}
	// An acronym: two capitals first ("AIFlow", "URLs"), or one alone.
	r0, n := utf8.DecodeRuneInString(word)
	r1, _ := utf8.DecodeRuneInString(word[n:])
	if unicode.IsUpper(r0) && (unicode.IsUpper(r1) || r1 == utf8.RuneError) {
		if strings.ContainsRune("AEFHILMNORSX", r0) {
			return "an"
		}
		return "a"
	}
	w := strings.ToLower(word)
	switch {
	case unicode.IsDigit(r0):
		if strings.HasPrefix(w, "8") || strings.HasPrefix(w, "11") || strings.HasPrefix(w, "18") {
			return "an"
		}
		return "a"
	case strings.HasPrefix(w, "u"):
		// "a user", "a unique", "a URL" but "an update", "an unknown".
		for _, p := range []string{"uni", "use", "usu", "uti", "ura", "ure", "uri", "uro", "uku", "ubi"} {
			if strings.HasPrefix(w, p) {
				return "a"
			}
		}
		return "an"
	case strings.HasPrefix(w, "one"), strings.HasPrefix(w, "eu"), strings.HasPrefix(w, "ewe"):
		return "a"
	case strings.HasPrefix(w, "hour"), strings.HasPrefix(w, "honest"), strings.HasPrefix(w, "honor"), strings.HasPrefix(w, "honour"):
		return "an"
	case strings.ContainsRune("aeio", rune(w[0])):
		return "an"
	}
	return "a"
}

// Shape says what kind of Go value a type is, with its article: "an
// object", "an integer or a string", "an array".
func Shape(t *Type) string {
	switch t.Kind {
	case Struct:
		return "an object"
	case Enum:
		return "an enumeration of " + plural(refShape(t.Base))
	case Sum:
		if t.SumBy != SumByDiscriminator {
			return fmt.Sprintf("one of several objects (%s), with no discriminator", t.SumKeyword)
		}
		return fmt.Sprintf("one of several objects told apart by %q", t.Discriminator)
	case Tuple:
		return "a JSON array whose items are told apart by position (a tuple)"
	case Union:
		var parts []string
		for _, m := range t.Members {
			parts = append(parts, Article(m.JSONType)+" "+m.JSONType)
		}
		return orList(parts)
	}
	if t.Base.IsSum() {
		return "a struct holding a " + t.Base.Type.Name + " in Value"
	}
	if s := keysShape(t); s != "" { // keys.go
		return s
	}
	s := refShape(t.Base)
	return Article(s) + " " + s
}

// refShape names the JSON value a Go type holds, without article.
func refShape(r Ref) string {
	switch r.Kind {
	case Builtin:
		return map[string]string{"string": "string", "int64": "integer", Uint64Builtin: "integer", NumberBuiltin: "integer", "float64": "number", "bool": "boolean"}[r.Builtin]
	case Time:
		return "date-time string"
	case Raw:
		return "JSON value kept as raw JSON"
	case Slice:
		return "array"
	case Map:
		return "object with members of any name"
	case Null:
		return "null"
	case Named:
		return r.Type.Name
	}
	return "value"
}

func plural(s string) string {
	if strings.HasSuffix(s, "s") {
		return s + "es"
	}
	return s + "s"
}

// orList joins "a string", "an integer" as "a string or an integer", or
// "a, b or c".
func orList(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}
