package hookserve_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/gen/agenticflow"
)

// A team serves its own generated package (here agenticflow) by filling
// in one Provider and writing a handler. Writes through job.Atomically
// commit with the delivery's processed mark: exactly once. (No Output
// line: go test compiles this example but does not start the server.)
func Example() {
	secret := []byte(os.Getenv("AGENTICFLOW_SECRET"))
	p := &hookserve.Provider{
		Name: agenticflow.Provider.Name,
		Verify: func(h http.Header, body []byte) error { // or a scheme from a signing package
			mac := hmac.New(sha256.New, secret)
			mac.Write(body)
			got, _ := hex.DecodeString(strings.TrimPrefix(h.Get(agenticflow.Provider.SignatureHeader), agenticflow.Provider.SignaturePrefix))
			if !hmac.Equal(got, mac.Sum(nil)) {
				return errors.New("signature does not match")
			}
			return nil
		},
		Parse: func(b []byte) (hookserve.Parsed, error) {
			ev, err := agenticflow.Parse(b)
			if ev == nil {
				return hookserve.Parsed{}, err
			}
			_, unknown := ev.(*agenticflow.UnknownEvent)
			return hookserve.Parsed{Type: ev.EventType(), Unknown: unknown, Event: ev}, err
		},
		DeliveryIDOf: agenticflow.DeliveryIDOf,
	}
	handle := func(ctx context.Context, job *hookserve.Job) error {
		// The service's work; then its record, in the inbox's transaction
		// (seen is a table of the service's own, in the same database).
		job.Atomically(func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO seen (id) VALUES (?)`, job.Delivery.ID)
			return err
		})
		return nil
	}
	log.Fatal(hookserve.Run(context.Background(), "127.0.0.1:8080", "inbox.db", []*hookserve.Provider{p}, handle, nil))
}
