package provider

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func TestParseEvent(t *testing.T) {
	tests := map[string]struct {
		payload string
		want    Event
	}{
		"complete": {
			payload: `{"RequestType":"Update","ResponseURL":"https://s3/x","StackId":"s","RequestId":"r",
				"ResourceType":"Custom::UserPoolClient","LogicalResourceId":"L","PhysicalResourceId":"p",
				"ResourceProperties":{"UserPoolId":"a"},"OldResourceProperties":{"UserPoolId":"b"}}`,
			want: Event{RequestType: "Update", ResponseURL: "https://s3/x", StackID: "s", RequestID: "r",
				ResourceType: "Custom::UserPoolClient", LogicalResourceID: "L", PhysicalResourceID: "p",
				ResourceProperties: json.RawMessage(`{"UserPoolId":"a"}`), OldResourceProperties: json.RawMessage(`{"UserPoolId":"b"}`)},
		},
		"fields of the wrong type stay empty": {
			payload: `{"RequestType":1,"ResponseURL":"https://s3/x","StackId":{"a":1},"RequestId":["r"],"LogicalResourceId":null}`,
			want:    Event{ResponseURL: "https://s3/x"},
		},
		"null properties are absent": {
			payload: `{"ResponseURL":"https://s3/x","ResourceProperties":null,"OldResourceProperties": null }`,
			want:    Event{ResponseURL: "https://s3/x"},
		},
		"properties of the wrong shape are kept for the decoder": {
			payload: `{"ResponseURL":"https://s3/x","ResourceProperties":"text"}`,
			want:    Event{ResponseURL: "https://s3/x", ResourceProperties: json.RawMessage(`"text"`)},
		},
		"unknown fields ignored": {
			payload: `{"ResponseURL":"https://s3/x","ServiceToken":"arn","Extra":{"deep":[1,2]}}`,
			want:    Event{ResponseURL: "https://s3/x"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := parseEvent([]byte(tt.payload))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseEventRejectsNonObjects(t *testing.T) {
	for _, payload := range []string{"", " ", "null", "[]", `"x"`, "42", "{", `{"RequestType":"Create"`, "{}{}"} {
		t.Run(payload, func(t *testing.T) {
			_, err := parseEvent([]byte(payload))
			assert.ErrorIs(t, err, errNotJSON)
		})
	}
}

func TestEventKeyDistinguishesRequests(t *testing.T) {
	a := Event{StackID: "s", RequestID: "r", LogicalResourceID: "L"}
	assert.Equal(t, a.key(), Event{StackID: "s", RequestID: "r", LogicalResourceID: "L", RequestType: "Create"}.key())
	assert.NotEqual(t, a.key(), Event{StackID: "s", RequestID: "r2", LogicalResourceID: "L"}.key())
	assert.NotEqual(t, a.key(), Event{StackID: "s", RequestID: "r", LogicalResourceID: "M"}.key())
	// Field boundaries cannot be forged by moving characters between fields.
	assert.NotEqual(t, Event{StackID: "ab", RequestID: "c"}.key(), Event{StackID: "a", RequestID: "bc"}.key())
}

func TestFailedCreateMarkerIsNotAClientID(t *testing.T) {
	for _, requestID := range []string{"0f2c6a1e-3b7d-4c9a-8e5f-6d1b2a3c4e5f", "", "abc", "a_b"} {
		m := physicalID(Event{RequestType: Create, RequestID: requestID}, failure("x"))
		assert.NotEmpty(t, m)
		assert.False(t, userpoolclient.IsClientID(m), "marker %q", m)
	}
}
