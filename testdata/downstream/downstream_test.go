package downstream

import (
	"errors"
	"os"
	"strings"
	"testing"

	shop "example.com/downstream/hooks/shop"
	typesonly "example.com/downstream/typesonly/shop"

	"github.com/hookgen/hookgen/gen/peach"
)

func TestDescribe(t *testing.T) {
	got, err := Describe("shop", []byte(`{"type":"order.created","data":{"order_id":"ord_7","total":12.5}}`))
	if err != nil || got != "order ord_7 created, total 12.50" {
		t.Errorf("shop: %q %v", got, err)
	}
	_, err = Describe("shop", []byte(`{"type":"order.created","data":{"order_id":"7","total":-1}}`))
	var ve *shop.ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 2 {
		t.Errorf("invalid shop payload: %v", err)
	}
	peachPayload, err := os.ReadFile("peach_delivered.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err = Describe("peach", peachPayload)
	if err != nil || got != "peach "+string(peach.EventMessageDeliveryDelivered) {
		t.Errorf("peach: %q %v", got, err)
	}
}

func TestTypesOnlyPackage(t *testing.T) {
	var o typesonly.OrderRefunded
	err := o.UnmarshalJSON([]byte(`{"type":"order.refunded","data":{"order_id":"ord_1","amount":0}}`))
	if err == nil {
		err = o.Validate()
	}
	if err == nil || !strings.Contains(err.Error(), "exclusiveMinimum") {
		t.Errorf("types-only package: %v", err)
	}
}
