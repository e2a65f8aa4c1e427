package bench

import (
	"encoding/json"
	"time"
)

// The plain structs a user would write by hand for encoding/json: the same
// fields, no custom methods.

type plainPeachSent struct {
	Type string `json:"type"`
	Data struct {
		Message struct {
			ID        json.RawMessage `json:"id"`
			Status    string          `json:"status"`
			Type      string          `json:"type"`
			Reason    *string         `json:"reason"`
			CreatedAt time.Time       `json:"created_at"`
			UpdatedAt time.Time       `json:"updated_at"`
		} `json:"message"`
		Contact struct {
			ID          int64   `json:"id"`
			AccountID   int64   `json:"account_id"`
			Name        string  `json:"name"`
			PhoneNumber string  `json:"phone_number"`
			FirstName   *string `json:"first_name"`
			LastName    *string `json:"last_name"`
			CountryCode *string `json:"country_code"`
			Language    *string `json:"language"`
			Email       *string `json:"email"`
		} `json:"contact"`
		Event json.RawMessage `json:"event"`
	} `json:"data"`
}

type plainInboxReceived struct {
	Event      string `json:"event"`
	DeliveryID string `json:"delivery_id"`
	Data       struct {
		ThreadID  string  `json:"thread_id"`
		MessageID string  `json:"message_id"`
		Channel   string  `json:"channel"`
		Text      *string `json:"text"`
		From      struct {
			ID   string  `json:"id"`
			Name *string `json:"name"`
		} `json:"from"`
		Timestamp time.Time `json:"timestamp"`
	} `json:"data"`
}

type plainWAInsert struct {
	Data struct {
		ID             string  `json:"id"`
		ConversationID string  `json:"conversation_id"`
		OrganizationID string  `json:"organization_id"`
		Direction      string  `json:"direction"`
		AgentID        *string `json:"agent_id"`
		Content        struct {
			Type string `json:"type"`
			Text *struct {
				Body string `json:"body"`
			} `json:"text"`
		} `json:"content"`
		Status struct {
			Pending   *time.Time `json:"pending"`
			Sent      *time.Time `json:"sent"`
			Delivered *time.Time `json:"delivered"`
			Read      *time.Time `json:"read"`
			Failed    *time.Time `json:"failed"`
		} `json:"status"`
		WaID      *string    `json:"wa_id"`
		From      *string    `json:"from"`
		CreatedAt time.Time  `json:"created_at"`
		UpdatedAt *time.Time `json:"updated_at"`
	} `json:"data"`
	Entity string `json:"entity"`
	Action string `json:"action"`
}

type plainAFCompleted struct {
	Event     string    `json:"event"`
	Timestamp time.Time `json:"timestamp"`
	WebhookID string    `json:"webhook_id"`
	Data      struct {
		AgentID           string    `json:"agent_id"`
		ConversationID    string    `json:"conversation_id"`
		UserID            *string   `json:"user_id"`
		Status            string    `json:"status"`
		StartedAt         time.Time `json:"started_at"`
		CompletedAt       time.Time `json:"completed_at"`
		MessageCount      *int64    `json:"message_count"`
		SatisfactionScore *float64  `json:"satisfaction_score"`
		CreditsUsed       *float64  `json:"credits_used"`
		Resolution        *struct {
			Type     *string  `json:"type"`
			Category *string  `json:"category"`
			Tags     []string `json:"tags"`
		} `json:"resolution"`
	} `json:"data"`
}

// plainEverything is what a user without hookgen writes for the event of
// every shape: the unions and sums as values of any kind, checked by hand
// or not at all.
type plainEverything struct {
	Type        string `json:"type"`
	PullRequest struct {
		Number int64  `json:"number"`
		Title  string `json:"title"`
		State  string `json:"state"`
		User   struct {
			Login     string `json:"login"`
			ID        int64  `json:"id"`
			SiteAdmin *bool  `json:"site_admin,omitempty"`
		} `json:"user"`
		MergedAt *time.Time `json:"merged_at"`
	} `json:"pull_request"`
	CreatedAt any              `json:"created_at"`
	Tags      any              `json:"tags,omitempty"`
	Reviewers []map[string]any `json:"reviewers"`
	Labels    []map[string]any `json:"labels"`
	Contact   struct {
		Email      *string `json:"email,omitempty"`
		Phone      *string `json:"phone,omitempty"`
		Country    *string `json:"country,omitempty"`
		PostalCode *string `json:"postal_code,omitempty"`
		Street     *string `json:"street,omitempty"`
	} `json:"contact"`
	Kind     string       `json:"kind"`
	Point    []float64    `json:"point"`
	Hash     uint64       `json:"hash"`
	Cleared  any          `json:"cleared"`
	Thread   plainComment `json:"thread"`
	Location string       `json:"location"`
	AfterID  *float64     `json:"after_id"`
	Author   *struct {
		Login     string `json:"login"`
		ID        int64  `json:"id"`
		SiteAdmin bool   `json:"site_admin"`
	} `json:"author,omitempty"`
	Team *struct {
		Name string  `json:"name"`
		ID   int64   `json:"id"`
		Slug string  `json:"slug"`
		Role *string `json:"role,omitempty"`
	} `json:"team,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
	Steps   []string          `json:"steps,omitempty"`
	Level   *string           `json:"level,omitempty"`
}

type plainComment struct {
	Body   string `json:"body"`
	Author *struct {
		Login     string `json:"login"`
		ID        int64  `json:"id"`
		SiteAdmin *bool  `json:"site_admin,omitempty"`
	} `json:"author"`
	Replies []plainComment `json:"replies"`
}
