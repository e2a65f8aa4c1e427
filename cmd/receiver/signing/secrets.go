package signing

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Prefixes of Standard Webhooks key material, as the specification
// serializes it: a base64 HMAC secret (v1), an ed25519 secret key (v1a,
// for signing) and an ed25519 public key (v1a, for verifying).
const (
	PrefixSecret    = "whsec_"
	PrefixSecretKey = "whsk_"
	PrefixPublicKey = "whpk_"
)

// Minimum key lengths, in bytes.
const (
	// MinStandardSecretLen is what a whsec_ secret must decode to at least:
	// the Standard Webhooks specification asks for 24 bytes (192 bits).
	MinStandardSecretLen = 24
	// MinHMACSecretLen is the least length of a secret used as written
	// (github, shopify, stripe, hmac-sha256): 128 bits if it is random,
	// and short enough for every provider we know to meet.
	MinHMACSecretLen = 16
)

// ParseSecrets reads a list of secrets from one string, such as an
// environment variable: one secret per line, each taken whole, spaces and
// all. Empty lines are skipped, and a line may end in "\r\n". A line that
// begins or ends with white space is an error, not trimmed: a secret is
// never changed, and a stray space is more likely a paste gone wrong.
//
// Splitting only on line breaks means a secret containing a space stays one
// secret: "agenticflow secret" is that secret, never the two secrets
// "agenticflow" and "secret".
func ParseSecrets(value string) ([]string, error) {
	var secrets []string
	for i, line := range strings.Split(value, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		if err := checkWhole(line); err != nil {
			return nil, fmt.Errorf("signing: line %d: %v", i+1, err)
		}
		secrets = append(secrets, line)
	}
	if len(secrets) == 0 {
		return nil, fmt.Errorf("signing: %w (give one per line)", ErrNoSecret)
	}
	return secrets, nil
}

// ErrNoSecret: a list of secrets is empty. ParseSecrets and SecretsFromEnv
// wrap it, so a caller can tell "not configured" from "configured wrong".
var ErrNoSecret = errors.New("no secret")

// SecretsFromEnv reads a provider's secrets from the environment variable
// name, or from the file named by name+"_FILE" (the form container secret
// stores mount), one secret per line either way (see ParseSecrets). Setting
// both is an error, since which one wins would be a guess. Messages name
// the variable, the file and the line, never a secret.
func SecretsFromEnv(getenv func(string) string, name string) ([]string, error) {
	value, file := getenv(name), getenv(name+"_FILE")
	switch {
	case value != "" && file != "":
		return nil, fmt.Errorf("%s and %s_FILE are both set; set one", name, name)
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s_FILE: %v", name, err)
		}
		secrets, err := ParseSecrets(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s_FILE (%s): %w", name, file, err)
		}
		return secrets, nil
	}
	secrets, err := ParseSecrets(value)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return secrets, nil
}

// checkWhole refuses what cannot be a secret as written.
func checkWhole(s string) error {
	switch {
	case s == "":
		return errors.New("the secret is empty")
	case strings.ContainsAny(s, "\r\n"):
		return errors.New("the secret contains a line break: give one secret per value (ParseSecrets reads one per line)")
	case strings.TrimSpace(s) != s:
		return errors.New("the secret begins or ends with white space; secrets are taken whole, one per line")
	}
	return nil
}

// key is one verifying or signing key. Exactly one field is set.
type key struct {
	hmac []byte             // v1 and every HMAC scheme
	pub  ed25519.PublicKey  // v1a, verifying
	priv ed25519.PrivateKey // v1a, signing
}

// parseKeys turns secrets into keys for the scheme; signing says whether
// they will sign (whsk_) or verify (whpk_). Messages name a secret by its
// position, never by its value.
func parseKeys(s spec, secrets []string, signing bool) ([]key, error) {
	if len(secrets) == 0 {
		return nil, fmt.Errorf("signing: %s: no secret", s.scheme)
	}
	keys := make([]key, 0, len(secrets))
	for i, sec := range secrets {
		k, err := parseKey(s, sec, signing)
		if err != nil {
			if len(secrets) == 1 {
				return nil, fmt.Errorf("signing: %s: %v", s.scheme, err)
			}
			return nil, fmt.Errorf("signing: %s: secret %d of %d: %v", s.scheme, i+1, len(secrets), err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func parseKey(s spec, sec string, signing bool) (key, error) {
	if err := checkWhole(sec); err != nil {
		return key{}, err
	}
	if s.kind != kindStandard {
		// GitHub, Shopify and Stripe use the secret's bytes as the HMAC key,
		// as written (a Stripe whsec_ secret included: Stripe does not
		// decode it).
		if len(sec) < MinHMACSecretLen {
			return key{}, fmt.Errorf("the secret is %d bytes; at least %d are needed", len(sec), MinHMACSecretLen)
		}
		return key{hmac: []byte(sec)}, nil
	}
	switch {
	case strings.HasPrefix(sec, PrefixSecret):
		b, err := decodeKey(sec, PrefixSecret)
		if err != nil {
			return key{}, err
		}
		if len(b) < MinStandardSecretLen {
			return key{}, fmt.Errorf("a whsec_ secret decodes to %d bytes; Standard Webhooks needs at least %d", len(b), MinStandardSecretLen)
		}
		return key{hmac: b}, nil
	case strings.HasPrefix(sec, PrefixPublicKey):
		if signing {
			return key{}, errors.New("a whpk_ public key cannot sign; give the whsk_ secret key")
		}
		b, err := decodeKey(sec, PrefixPublicKey)
		if err != nil {
			return key{}, err
		}
		if len(b) != ed25519.PublicKeySize {
			return key{}, fmt.Errorf("a whpk_ public key decodes to %d bytes; an ed25519 public key is %d", len(b), ed25519.PublicKeySize)
		}
		return key{pub: ed25519.PublicKey(b)}, nil
	case strings.HasPrefix(sec, PrefixSecretKey):
		if !signing {
			// A receiver never needs the sender's secret key, and holding
			// it would let anyone who reads the receiver's configuration
			// sign deliveries.
			return key{}, errors.New("a whsk_ secret key signs; give the receiver the whpk_ public key (see PublicKey)")
		}
		priv, err := parseSecretKey(sec)
		if err != nil {
			return key{}, err
		}
		return key{priv: priv}, nil
	}
	return key{}, errors.New("a Standard Webhooks secret starts with whsec_ (v1, HMAC) or whpk_ (v1a, ed25519 public key)")
}

// decodeKey decodes the standard base64 after prefix; the error says what
// was wrong without echoing the value.
func decodeKey(sec, prefix string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(sec[len(prefix):])
	if err != nil {
		var ce base64.CorruptInputError
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("%s must be followed by standard base64; byte %d after it is not", prefix, int64(ce))
		}
		return nil, fmt.Errorf("%s must be followed by standard base64", prefix)
	}
	return b, nil
}

// parseSecretKey reads a whsk_ key: the 32-byte ed25519 seed, as the
// Standard Webhooks libraries serialize it, or the 64-byte seed and public
// key that crypto/ed25519 calls a private key.
func parseSecretKey(sec string) (ed25519.PrivateKey, error) {
	b, err := decodeKey(sec, PrefixSecretKey)
	if err != nil {
		return nil, err
	}
	switch len(b) {
	case ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(b), nil
	case ed25519.PrivateKeySize:
		priv := ed25519.NewKeyFromSeed(b[:ed25519.SeedSize])
		if !priv.Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(b[ed25519.SeedSize:])) {
			return nil, errors.New("a 64-byte whsk_ key's second half is not the public key of its first half")
		}
		return priv, nil
	}
	return nil, fmt.Errorf("a whsk_ secret key decodes to %d bytes; an ed25519 seed is %d (or %d with its public key)", len(b), ed25519.SeedSize, ed25519.PrivateKeySize)
}

// PublicKey returns the whpk_ public key of a whsk_ secret key: what a
// receiver is given to verify v1a signatures.
func PublicKey(secretKey string) (string, error) {
	if !strings.HasPrefix(secretKey, PrefixSecretKey) {
		return "", errors.New("signing: a secret key starts with whsk_")
	}
	priv, err := parseSecretKey(secretKey)
	if err != nil {
		return "", fmt.Errorf("signing: %v", err)
	}
	return PrefixPublicKey + base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey)), nil
}

// GenerateKey returns a new Standard Webhooks v1a key pair: whsk_ (the
// sender signs with it) and whpk_ (receivers verify with it).
func GenerateKey() (secretKey, publicKey string, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", "", fmt.Errorf("signing: %v", err)
	}
	return PrefixSecretKey + base64.StdEncoding.EncodeToString(priv.Seed()),
		PrefixPublicKey + base64.StdEncoding.EncodeToString(pub), nil
}

// GenerateSecret returns a new random Standard Webhooks v1 secret (whsec_,
// 32 bytes).
func GenerateSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("signing: %v", err)
	}
	return PrefixSecret + base64.StdEncoding.EncodeToString(b), nil
}
