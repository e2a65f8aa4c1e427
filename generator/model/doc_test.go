package model

import "testing"

func TestArticle(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"AIFlow", "an"}, {"MessageID", "a"}, {"HTTPRequest", "an"}, {"URL", "a"}, {"SMSBody", "an"},
		{"integer", "an"}, {"string", "a"}, {"object", "an"}, {"array", "an"}, {"event", "an"},
		{"Update", "an"}, {"UnknownEvent", "an"}, {"User", "a"}, {"UniqueID", "a"},
		{"hour", "an"}, {"Contact", "a"}, {"X", "an"}, {"8th", "an"}, {"", "a"},
	} {
		if got := Article(c.in); got != c.want {
			t.Errorf("Article(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestTypeComment: the schema's own words lead, the shape follows, the
// source comes last, with the right articles.
func TestTypeComment(t *testing.T) {
	str := Ref{Kind: Builtin, Builtin: "string"}
	ev := &Event{Type: "message_delivery.sent"}
	for _, c := range []struct {
		name string
		t    *Type
		want string
	}{
		{"title and description", &Type{Kind: Struct, Name: "AIFlow", Source: "p/c.json#/$defs/AIFlow", Title: "AI Agent flow", Description: "The AI Agent (flow) whose execution the event reports."},
			"AIFlow is an AI Agent flow.\n\nThe AI Agent (flow) whose execution the event reports.\n\nIt is an object, generated from p/c.json#/$defs/AIFlow."},
		{"a description that is a noun phrase", &Type{Kind: Defined, Name: "Channel", Base: str, Source: "p/c.json#/$defs/Channel", Description: "The channel the thread lives on."},
			"Channel is the channel the thread lives on.\n\nIt is a string, generated from p/c.json#/$defs/Channel."},
		{"a description that is a sentence", &Type{Kind: Defined, Name: "Data", Base: Ref{Kind: Map, Elem: &Ref{Kind: Raw}}, Source: "p/c.json#/$defs/Data", Description: "The docs list this event by name only."},
			"The docs list this event by name only.\n\nIt is an object with members of any name, generated from p/c.json#/$defs/Data."},
		{"a title that is the name", &Type{Kind: Struct, Name: "Contact", Source: "s#", Title: "Contact", Description: "The contact the message was sent to."},
			"Contact is the contact the message was sent to.\n\nIt is an object, generated from s#."},
		{"no words", &Type{Kind: Union, Name: "MessageID", Source: "s#", Members: []UnionMember{{JSONType: "integer"}, {JSONType: "string"}}},
			"MessageID is an integer or a string.\n\nGenerated from s#."},
		{"an event", &Type{Kind: Struct, Name: "MessageDeliverySent", Source: "p/m.json#", Event: ev, Title: "Message sent (message_delivery.sent)", Description: "Triggered when the message has been sent."},
			"MessageDeliverySent is the message_delivery.sent event: message sent.\n\nTriggered when the message has been sent.\n\nIt is an object, generated from p/m.json#."},
		{"an enumeration", &Type{Kind: Enum, Name: "Status", Base: Ref{Kind: Builtin, Builtin: "int64"}, Source: "s#"},
			"Status is an enumeration of integers.\n\nGenerated from s#."},
		{"a tuple", &Type{Kind: Tuple, Name: "Pair", Source: "s#"},
			"Pair is a JSON array whose items are told apart by position (a tuple).\n\nIt is read from and written as a JSON array: the positions up to the first one absent, then nothing more (the schema allows no more items).\n\nGenerated from s#."},
		{"a sum by members", &Type{Kind: Sum, Name: "Reviewer", Source: "s#", SumKeyword: "oneOf", SumBy: SumByMembers, Unknown: "ReviewerUnknown", Decoder: "UnmarshalReviewer",
			Variants: []Variant{{Type: &Type{Name: "User"}, Member: "login"}, {Type: &Type{Name: "Team"}, Member: "slug"}}},
			"Reviewer is one of several objects (oneOf), with no discriminator.\n\nIt holds *User, *Team, or *ReviewerUnknown for a value no variant takes. The variant is the one whose own required member is present: \"login\" (*User) or \"slug\" (*Team); no other variant declares it. " +
				"A payload with none of them is a *ReviewerUnknown; one with several is decoded as each of those variants in turn and the one that validates is taken (oneOf); when none or several do it is a *ReviewerUnknown. " +
				"Decode it with UnmarshalReviewer.\n\nGenerated from s#."},
		{"a boxed root sum", &Type{Kind: Defined, Name: "ReviewRequested", Source: "s#", Base: Ref{Kind: Named, Type: &Type{Kind: Sum, Name: "ReviewRequestedVariant"}}},
			"ReviewRequested is a struct holding a ReviewRequestedVariant in Value.\n\nGenerated from s#."},
		{"a wide integer", &Type{Kind: Defined, Name: "Hash", Base: Ref{Kind: Builtin, Builtin: Uint64Builtin}, Source: "s#"},
			"Hash is an integer.\n\nGenerated from s#."},
	} {
		if got := typeComment(c.t); got != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.name, got, c.want)
		}
	}
}
