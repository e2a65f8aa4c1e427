package hookserve_test

import (
	"context"
	"database/sql"
	"log"
	"os"

	"github.com/hookgen/hookgen/cmd/receiver/hookserve"
	"github.com/hookgen/hookgen/cmd/receiver/signing"
	"github.com/hookgen/hookgen/gen/agenticflow"
)

// A team serves its own generated package (here agenticflow) with one
// Provider: a signing.Verifier for its scheme, the generated Parse, and a
// handler. Writes through job.Atomically commit with the delivery's
// processed mark: exactly once. (No Output line: go test compiles this
// example but does not start the server.)
func Example() {
	secrets, err := signing.SecretsFromEnv(os.Getenv, "AGENTICFLOW_SECRET") // one per line, or AGENTICFLOW_SECRET_FILE
	if err != nil {
		log.Fatal(err)
	}
	v, err := signing.New(signing.Config{Scheme: "hmac-sha256", Header: "X-AgenticFlow-Signature", Prefix: "sha256="}, secrets, signing.Options{})
	if err != nil {
		log.Fatal(err)
	}
	p := &hookserve.Provider{
		Name:   agenticflow.Provider.Name, // serves POST /webhooks/agenticflow
		Verify: v.Verify, Precheck: v.Precheck, IDHeader: v.IDHeader(),
		Parse: func(b []byte) (hookserve.Parsed, error) {
			ev, err := agenticflow.Parse(b)
			if ev == nil {
				return hookserve.Parsed{}, err
			}
			_, unknown := ev.(*agenticflow.UnknownEvent)
			return hookserve.Parsed{Type: string(ev.EventType()), Unknown: unknown, Event: ev}, err
		},
		DeliveryIDOf: agenticflow.DeliveryIDOf,
	}
	handle := func(ctx context.Context, job *hookserve.Job) error {
		// job.Event is the typed event. The service's own record goes in
		// the inbox's transaction (seen is a table of its own, in the
		// same database), committed with "processed".
		job.Atomically(func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO seen (id) VALUES (?)`, job.Delivery.ID)
			return err
		})
		return nil
	}
	log.Fatal(hookserve.Run(context.Background(), "127.0.0.1:8080", "inbox.db", []*hookserve.Provider{p}, handle, nil))
}
