// Package downstream shows hookgen used from another module: declared as a
// tool in go.mod, run by go generate (see hooks/generate.go), its output
// imported next to the packages hookgen itself ships under gen/.
package downstream

import (
	"fmt"

	shop "example.com/downstream/hooks/shop"

	"github.com/hookgen/hookgen/gen/peach"
)

// Describe parses a payload of either provider and says what it is.
func Describe(provider string, payload []byte) (string, error) {
	switch provider {
	case "shop":
		ev, err := shop.Parse(payload)
		if err != nil {
			return "", err
		}
		switch ev := ev.(type) {
		case *shop.OrderCreated:
			return fmt.Sprintf("order %s created, total %.2f", ev.Data.OrderID, ev.Data.Total), nil
		case *shop.OrderRefunded:
			return fmt.Sprintf("order %s refunded %.2f", ev.Data.OrderID, ev.Data.Amount), nil
		default:
			return "unknown shop event " + string(ev.EventType()), nil
		}
	case "peach":
		ev, err := peach.Parse(payload)
		if err != nil {
			return "", err
		}
		return "peach " + string(ev.EventType()), nil
	}
	return "", fmt.Errorf("no provider %q", provider)
}
