package naming

import (
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	cases := map[string][]string{
		"delivery_id":           {"delivery", "id"},
		"deliveryId":            {"delivery", "Id"},
		"DeliveryID":            {"Delivery", "ID"},
		"HTTPServer":            {"HTTP", "Server"},
		"message_delivery.sent": {"message", "delivery", "sent"},
		"e164":                  {"e164"},
		"":                      nil,
		"--":                    nil,
	}
	for in, want := range cases {
		if got := Words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExported(t *testing.T) {
	cases := map[string]string{
		"delivery_id":               "DeliveryID",
		"url":                       "URL",
		"page_url":                  "PageURL",
		"api_key":                   "APIKey",
		"user_uuid":                 "UserUUID",
		"ai_flow_execution.started": "AIFlowExecutionStarted",
		"json_body":                 "JSONBody",
		"httpStatus":                "HTTPStatus",
		"wa_id":                     "WaID",
		"2fa":                       "N2fa",
		"type":                      "Type",
		"ids":                       "IDs",
		"image_urls":                "ImageURLs",
		"status":                    "Status",
		"":                          "",
		"+":                         "",
		"+1":                        "PlusOne",
		"-1":                        "MinusOne",
		"+10":                       "Plus10",
		"GID":                       "GID",
		"SKU":                       "SKU",
		"userGID":                   "UserGID",
		"ID_TOKEN":                  "IDToken",
		"MAX_SIZE":                  "MaxSize",
		"head_sha":                  "HeadSHA",
		"HTTPServer":                "HTTPServer",
		"日本":                        "X日本",
		"ℓ_max":                     "XℓMax",
		"é":                         "É",
	}
	for in, want := range cases {
		if got := Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPackageName(t *testing.T) {
	cases := map[string]string{"peach": "peach", "wa-agent": "waagent", "AIInbox": "aiinbox", "3d": "p3d"}
	for in, want := range cases {
		if got := PackageName(in); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", in, got, want)
		}
		if !IsPackageName(PackageName(in)) {
			t.Errorf("IsPackageName(PackageName(%q)) = false", in)
		}
	}
	for _, bad := range []string{"", "Peach", "type", "a-b", "1x", "main"} {
		if IsPackageName(bad) {
			t.Errorf("IsPackageName(%q) = true, want false", bad)
		}
	}
}

func TestEnumConstant(t *testing.T) {
	cases := []struct {
		typ, value string
		index      int
		want       string
	}{
		{"Status", "draft", 0, "StatusDraft"},
		{"Status", "in_progress", 1, "StatusInProgress"},
		{"Code", "-1", 2, "CodeMinusOne"},
		{"Reaction", "+1", 0, "ReactionPlusOne"},
		{"Priority", "1", 0, "Priority1"},
		{"Word", "north", 0, "WordNorth"},
		{"Sign", "+", 3, "SignValue3"},
		{"Empty", "", 0, "EmptyValue0"},
	}
	for _, c := range cases {
		if got := EnumConstant(c.typ, c.value, c.index); got != c.want {
			t.Errorf("EnumConstant(%q, %q, %d) = %q, want %q", c.typ, c.value, c.index, got, c.want)
		}
	}
}

func TestIsExportedIdent(t *testing.T) {
	for _, ok := range []string{"Foo", "FooID", "X1"} {
		if !IsExportedIdent(ok) {
			t.Errorf("IsExportedIdent(%q) = false", ok)
		}
	}
	for _, bad := range []string{"foo", "", "1X", "Foo Bar", "Foo-Bar"} {
		if IsExportedIdent(bad) {
			t.Errorf("IsExportedIdent(%q) = true", bad)
		}
	}
}

func TestFileStem(t *testing.T) {
	cases := map[string]string{"message_delivery.sent": "message_delivery_sent", "Contact": "contact", "agent.conversation.started": "agent_conversation_started"}
	for in, want := range cases {
		if got := FileStem(in); got != want {
			t.Errorf("FileStem(%q) = %q, want %q", in, got, want)
		}
	}
}
