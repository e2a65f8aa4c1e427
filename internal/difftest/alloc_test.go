package difftest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/hookgen/hookgen/gen/agenticflow"
	"github.com/hookgen/hookgen/gen/aiinbox"
	"github.com/hookgen/hookgen/gen/peach"
	"github.com/hookgen/hookgen/gen/waagent"
)

// validator is any generated type.
type validator interface{ Validate() error }

// typical decodes one documented payload per provider into its type.
func typical(t testing.TB) map[string]validator {
	t.Helper()
	cases := map[string]struct {
		file string
		v    validator
	}{
		"peach":       {"peach/valid/message_delivery.sent.template.json", new(peach.MessageDeliverySent)},
		"aiinbox":     {"aiinbox/valid/message.received.json", new(aiinbox.MessageReceived)},
		"agenticflow": {"agenticflow/valid/agent.conversation.completed.json", new(agenticflow.AgentConversationCompleted)},
		"waagent":     {"waagent/valid/messages.insert.incoming.json", new(waagent.MessagesInsert)},
	}
	out := map[string]validator{}
	for name, c := range cases {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, c.v); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if err := c.v.Validate(); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		out[name] = c.v
	}
	return out
}

// TestValidValuesValidateWithoutAllocating: a count, not a timing.
func TestValidValuesValidateWithoutAllocating(t *testing.T) {
	for name, v := range typical(t) {
		if n := testing.AllocsPerRun(50, func() { v.Validate() }); n != 0 {
			t.Errorf("%s: Validate allocates %v times on a valid value", name, n)
		}
	}
}

// BenchmarkValidate: go test -bench Validate -benchmem ./internal/difftest
func BenchmarkValidate(b *testing.B) {
	for name, v := range typical(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := v.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
