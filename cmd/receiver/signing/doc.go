// Package signing verifies webhook signatures on the raw request body, and
// produces them for tests and `receiver send`.
//
// A provider's signing style is a small declarative Config, the way a
// manifest names it:
//
//	{"scheme": "standard-webhooks"}   webhook-id/-timestamp/-signature, v1 (HMAC) and v1a (ed25519)
//	{"scheme": "github"}              X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>
//	{"scheme": "shopify"}             X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>
//	{"scheme": "stripe"}              Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">
//	{"scheme": "hmac-sha256", "header": "X-AgenticFlow-Signature", "prefix": "sha256=", "encoding": "hex"}
//
// New builds a Verifier from a Config and the provider's secrets. Several
// secrets (or public keys) may be given at once so that a provider can
// rotate them without downtime; a delivery is accepted when any of them
// verifies it. Secrets are always taken whole: New receives them as a list,
// ParseSecrets reads a list from one string, one secret per line, and
// SecretsFromEnv reads it from an environment variable or the file another
// variable names, so that a space inside a secret can never split it into
// two weaker secrets.
//
// Every comparison of a signature is constant time (hmac.Equal, or
// ed25519.Verify). Errors say which header was wrong and how, and never
// contain a secret, a key, or a value taken from the request.
package signing
