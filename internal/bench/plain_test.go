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
