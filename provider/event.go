package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Request types.
const (
	Create = "Create"
	Update = "Update"
	Delete = "Delete"
)

// LookupResourceType is the resource type served as a lookup; every other type is served as
// a user pool client.
const LookupResourceType = "Custom::UserPoolClientLookup"

// Event is a CloudFormation custom resource request. The properties stay raw JSON so the
// model's strict decoder sees exactly what CloudFormation sent.
type Event struct {
	RequestType           string
	ResponseURL           string
	StackID               string
	RequestID             string
	ResourceType          string
	LogicalResourceID     string
	PhysicalResourceID    string
	ResourceProperties    json.RawMessage
	OldResourceProperties json.RawMessage
}

var errNotJSON = errors.New("payload is not a JSON object")

// parseEvent reads a request leniently: a field of the wrong type is left empty rather than
// losing the ResponseURL, so that the request can still be answered.
func parseEvent(payload []byte) (Event, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(payload, &raw); err != nil || raw == nil {
		return Event{}, errNotJSON
	}
	str := func(k string) string {
		var s string
		_ = json.Unmarshal(raw[k], &s) // a missing or non-string field stays empty
		return s
	}
	props := func(k string) json.RawMessage {
		v := bytes.TrimSpace(raw[k])
		if len(v) == 0 || string(v) == "null" {
			return nil
		}
		return v
	}
	return Event{
		RequestType:           str("RequestType"),
		ResponseURL:           str("ResponseURL"),
		StackID:               str("StackId"),
		RequestID:             str("RequestId"),
		ResourceType:          str("ResourceType"),
		LogicalResourceID:     str("LogicalResourceId"),
		PhysicalResourceID:    str("PhysicalResourceId"),
		ResourceProperties:    props("ResourceProperties"),
		OldResourceProperties: props("OldResourceProperties"),
	}, nil
}

// key identifies one request, for recognising a duplicate delivery.
func (e Event) key() string {
	return fmt.Sprintf("%s\x00%s\x00%s", e.StackID, e.RequestID, e.LogicalResourceID)
}
