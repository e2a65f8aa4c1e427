package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hookgen/hookgen/cmd/receiver/signing"
	"github.com/spf13/pflag"
)

// sendUsage is send's usage line.
const sendUsage = "receiver send [--url URL] [--id ID] --provider NAME FILE..."

// runSend posts payload files to a receiver, signed as their provider would
// sign them, with the secret from the same environment variable the
// receiver reads.
func runSend(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("send", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "http://127.0.0.1:8080", "the receiver's base URL")
	name := fs.String("provider", "", "the provider the payloads come from: "+fmt.Sprint(providerNames()))
	id := fs.String("id", "", "the delivery id to send in the provider's id header (webhook-id for Standard Webhooks; default: derived from the body, so a resend is a duplicate)")
	// Not pflag's default ("Usage of send:"): the usage line, then the flags.
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\nPost each payload FILE to the receiver, signed as the provider signs it, with the secret from %s.\n\nFlags:\n%s",
			sendUsage, secretEnv("<provider>"), fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		// pflag prints nothing itself for a bad flag (ContinueOnError).
		fmt.Fprintf(stderr, "receiver send: %v (see receiver send --help)\n", err)
		return 2
	}
	var p *provider
	for _, q := range providers() {
		if q.name == *name {
			p = q
		}
	}
	// A usage error says what is wrong, then the one usage line.
	var wrong string
	switch {
	case *name == "":
		wrong = "--provider is required: one of " + strings.Join(providerNames(), ", ")
	case p == nil:
		wrong = fmt.Sprintf("--provider %s: no such provider (have: %s)", *name, strings.Join(providerNames(), ", "))
	case fs.NArg() == 0:
		wrong = "no payload FILE given"
	}
	if wrong != "" {
		fmt.Fprintf(stderr, "receiver send: %s\nUsage: %s (see receiver send --help)\n", wrong, sendUsage)
		return 2
	}
	secrets, err := signing.SecretsFromEnv(getenv, secretEnv(p.name))
	if err != nil {
		fmt.Fprintf(stderr, "receiver send: %v (set %s to the provider's secret)\n", err, secretEnv(p.name))
		return 1
	}
	// The first secret signs (the newest, while rotating).
	signer, err := signing.NewSigner(p.signing, secrets[:1])
	if err != nil {
		fmt.Fprintf(stderr, "receiver send: %s: %v\n", secretEnv(p.name), err)
		return 1
	}
	code := 0
	for _, file := range fs.Args() {
		body, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "receiver send: %v\n", err)
			code = 1
			continue
		}
		msgID := *id
		if msgID == "" {
			sum := sha256.Sum256(body)
			msgID = "msg_" + hex.EncodeToString(sum[:12])
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, *url+"/webhooks/"+p.name, bytes.NewReader(body))
		if err != nil {
			fmt.Fprintf(stderr, "receiver send: %v\n", err)
			return 1
		}
		h, err := signer.Sign(msgID, time.Now(), body)
		if err != nil {
			fmt.Fprintf(stderr, "receiver send: %v\n", err)
			return 1
		}
		for k, v := range h {
			req.Header[k] = v
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Fprintf(stderr, "receiver send: %v\n", err)
			code = 1
			continue
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Fprintf(stdout, "%s: %s %s", file, resp.Status, answer)
		if resp.StatusCode >= 300 {
			code = 1
		}
	}
	return code
}
