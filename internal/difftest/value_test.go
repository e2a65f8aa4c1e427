package difftest

import (
	"reflect"
	"testing"

	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
)

var decodeOnly = map[string]func(string, []byte) (any, error){
	"agenticflow": agenticflow.DecodeJSON,
	"aiinbox":     aiinbox.DecodeJSON,
	"peach":       peach.DecodeJSON,
	"waagent":     waagent.DecodeJSON,
}

// exported copies v through its exported fields only: the value a user
// would build by hand from what a decoded one shows.
func exported(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			out.Set(exported(v.Elem()).Addr())
		}
	case reflect.Interface:
		if !v.IsNil() {
			out.Set(exported(v.Elem()))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(exported(v.Field(i)))
			}
		}
	case reflect.Slice:
		if !v.IsNil() {
			s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := 0; i < v.Len(); i++ {
				s.Index(i).Set(exported(v.Index(i)))
			}
			out.Set(s)
		}
	case reflect.Map:
		if !v.IsNil() {
			m := reflect.MakeMapWithSize(v.Type(), v.Len())
			for it := v.MapRange(); it.Next(); {
				m.SetMapIndex(it.Key(), exported(it.Value()))
			}
			out.Set(m)
		}
	default:
		out.Set(v)
	}
	return out
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// TestValidateIsAFunctionOfTheValue: Validate says the same of a decoded
// value and of the value built from its exported fields alone, whatever
// the decoder found; what decoding found stays in the error it returned.
func TestValidateIsAFunctionOfTheValue(t *testing.T) {
	// The case: a payload missing "data", then a bad status set.
	var decoded peach.MessageDeliverySent
	if err := decoded.UnmarshalJSON([]byte(`{"type":"message_delivery.sent"}`)); err == nil {
		t.Fatal("decoding a payload without data: no error")
	}
	decoded.Data.Message.Status = "bogus"
	literal := peach.MessageDeliverySent{Type: "message_delivery.sent"}
	literal.Data.Message.Status = "bogus"
	got, want := errText(decoded.Validate()), errText(literal.Validate())
	if got != want {
		t.Errorf("decoded then changed: Validate() = %s\nthe same value as a literal: %s", got, want)
	}

	ps := providers(t)
	n := 0
	for _, pl := range payloads(t, ps, "valid", "invalid") {
		v, err := decodeOnly[pl.provider.name](pl.schema, pl.data)
		if v == nil {
			t.Fatalf("%s: %v", pl.file, err)
		}
		copied := exported(reflect.ValueOf(v)).Interface()
		a := errText(v.(interface{ Validate() error }).Validate())
		b := errText(copied.(interface{ Validate() error }).Validate())
		if a != b {
			t.Errorf("%s: decoded: Validate() = %s\nbuilt from its exported fields: %s", pl.file, a, b)
		}
		n++
	}
	t.Logf("%d payloads", n)
}

// TestTagsAreTyped: event types, a union's kind and an event's
// discriminator field are named types with constants, not bare strings;
// the discriminator field has the same Go type in every event.
func TestTagsAreTyped(t *testing.T) {
	var want peach.EventType = peach.EventMessageDeliverySent
	var ev peach.Event = &peach.MessageDeliverySent{}
	if got := ev.EventType(); got != want {
		t.Errorf("EventType() = %q", got)
	}
	var id peach.MessageID
	if err := id.UnmarshalJSON([]byte(`"cmsg_1"`)); err != nil || id.Type != peach.JSONString || id.String != "cmsg_1" {
		t.Errorf("MessageID: %+v %v", id, err)
	}
	if err := id.UnmarshalJSON([]byte(`7`)); err != nil || id.Type != peach.JSONInteger || id.Integer != 7 {
		t.Errorf("MessageID: %+v %v", id, err)
	}

	events := map[string][]any{
		"peach": {&peach.MessageDeliverySent{}, &peach.MessageDeliveryDelivered{}, &peach.MessageDeliveryFailed{},
			&peach.MessageDeliveryRead{}, &peach.AIFlowExecutionStarted{}},
		"aiinbox":     {&aiinbox.MessageReceived{}, &aiinbox.ContactUpdated{}},
		"agenticflow": {&agenticflow.AgentConversationCompleted{}, &agenticflow.WorkflowExecutionFailed{}},
	}
	types := map[string]reflect.Type{
		"peach":       reflect.TypeFor[peach.EventType](),
		"aiinbox":     reflect.TypeFor[aiinbox.EventType](),
		"agenticflow": reflect.TypeFor[agenticflow.EventType](),
	}
	disc := map[string]string{"peach": "type", "aiinbox": "event", "agenticflow": "event"}
	for p, evs := range events {
		for _, e := range evs {
			st := reflect.TypeOf(e).Elem()
			found := false
			for i := 0; i < st.NumField(); i++ {
				f := st.Field(i)
				if f.Tag.Get("json") != disc[p] {
					continue
				}
				found = true
				if f.Type != types[p] {
					t.Errorf("%s.%s.%s is %s, want %s", p, st.Name(), f.Name, f.Type, types[p])
				}
			}
			if !found {
				t.Errorf("%s.%s has no field %q", p, st.Name(), disc[p])
			}
			if m, ok := reflect.TypeOf(e).MethodByName("EventType"); !ok || m.Type.Out(0) != types[p] {
				t.Errorf("%s.%s: EventType() does not return %s", p, st.Name(), types[p])
			}
		}
	}
}
