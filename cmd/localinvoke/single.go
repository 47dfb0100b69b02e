package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

// lookupType is the ResourceType of a lookup, which finds a client made elsewhere.
const lookupType = "Custom::UserPoolClientLookup"

// clientIDPattern is the shape of a Cognito client ID; a PhysicalResourceId of
// another shape (the marker of a failed Create) names no client to set up.
var clientIDPattern = regexp.MustCompile(`^[\w+]+$`)

// sampleEvent is an event file, read and checked before anything starts.
type sampleEvent struct {
	path string
	raw  []byte
}

// loadEvent reads path and checks that it holds one JSON object with a
// RequestType, saying where the JSON is broken when it is not.
func loadEvent(path string) (sampleEvent, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return sampleEvent{}, fmt.Errorf("event file: %w", err)
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&obj); err != nil {
		return sampleEvent{}, fmt.Errorf("event file %s: %s", path, jsonErrorAt(raw, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return sampleEvent{}, fmt.Errorf("event file %s: %s", path, jsonErrorAt(raw, errors.New("data after the JSON object")))
	}
	if localrun.EventString(raw, "RequestType") == "" {
		return sampleEvent{}, fmt.Errorf("event file %s: no RequestType (Create, Update or Delete)", path)
	}
	return sampleEvent{path: path, raw: raw}, nil
}

// jsonErrorAt turns a decoding error into "line L, column C: what".
func jsonErrorAt(raw []byte, err error) string {
	var offset int64 = -1
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = max(syntax.Offset-1, 0) // Offset counts the offending byte
	case errors.As(err, &typ):
		return "not a JSON object (a CloudFormation request is one)"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		offset = int64(len(raw))
		err = errors.New("the JSON ends too early")
	}
	if offset < 0 {
		return err.Error()
	}
	line, col := 1, 1
	for _, b := range raw[:min(offset, int64(len(raw)))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// single runs one event file, first making the client it acts on: an Update
// or Delete of a client gets one created from its OldResourceProperties (or,
// for a Delete, its ResourceProperties) through the function itself, and a
// lookup finds one created for it. A storage secret the event names is made
// empty first, and a client it adopts is made directly in Cognito
// (setupSecrets); with storage, both sides of it are printed after. It fails when the answer is not the
// expected status.
func (h *harness) single(ctx context.Context, w io.Writer, ev sampleEvent) error {
	name := localrun.EventString(ev.raw, "RequestType") + " " + ev.path
	raw := ev.raw
	arn := ""
	if isStorageEvent(raw) {
		var err error
		if raw, arn, err = h.setupSecrets(ctx, w, raw); err != nil {
			return err
		}
	}
	opts, err := h.setup(ctx, w, raw)
	if err != nil {
		return err
	}
	out, _, err := h.step(ctx, w, name, raw, opts...)
	if err != nil {
		return err
	}
	if !out.delivered {
		return errors.New("no response was delivered to CloudFormation")
	}
	if arn != "" && out.response.Status == "SUCCESS" && localrun.EventString(raw, "RequestType") != "Delete" {
		h.printStorage(ctx, w, arn, out.response.PhysicalResourceID)
	}
	if got := out.response.Status; got != h.o.expect {
		return fmt.Errorf("the response is %s, expected %s (make invoke EXPECT=%s when that is the point)", got, h.o.expect, got)
	}
	if len(out.problems) > 0 {
		return fmt.Errorf("%d problem(s) with the response", len(out.problems))
	}
	return nil
}

// setup makes what the event acts on and returns the options that point the
// event at it.
func (h *harness) setup(ctx context.Context, w io.Writer, raw []byte) ([]localrun.EventOption, error) {
	requestType := localrun.EventString(raw, "RequestType")
	props, _ := localrun.EventField(raw, "ResourceProperties")
	if localrun.EventString(raw, "ResourceType") == lookupType {
		if requestType == "Delete" {
			return nil, nil // a lookup's Delete changes nothing
		}
		return h.setupLookup(ctx, w, props)
	}
	if requestType != "Update" && requestType != "Delete" {
		return nil, nil
	}
	if !clientIDPattern.MatchString(localrun.EventString(raw, "PhysicalResourceId")) {
		return nil, nil // the marker of a failed Create: there is no client
	}
	from := props
	if old, ok := localrun.EventField(raw, "OldResourceProperties"); ok && requestType == "Update" {
		from = old
	}
	out, _, err := h.step(ctx, w, "setup: Create the client the "+requestType+" acts on", raw,
		localrun.WithRequestType("Create"), localrun.WithRequestID("setup-"+localrun.EventString(raw, "RequestId")),
		localrun.WithResourceProperties(from), localrun.WithoutKey("OldResourceProperties"), localrun.WithoutKey("PhysicalResourceId"))
	if err != nil {
		return nil, err
	}
	if out.response.Status != "SUCCESS" || len(out.problems) > 0 {
		return nil, errors.New("setup: the client the event acts on could not be created")
	}
	return []localrun.EventOption{localrun.WithPhysicalResourceID(out.response.PhysicalResourceID)}, nil
}

// setupLookup creates, directly in Cognito, the client a lookup finds: with
// the ClientName it names, and its ClientId put in the event when it names one.
func (h *harness) setupLookup(ctx context.Context, w io.Writer, props json.RawMessage) ([]localrun.EventOption, error) {
	var p map[string]json.RawMessage
	if err := json.Unmarshal(props, &p); err != nil {
		return nil, nil // not an object: the function reports it
	}
	name := "looked-up-client"
	if v, ok := p["ClientName"]; ok {
		_ = json.Unmarshal(v, &name)
	}
	out, err := h.moto.Cognito().CreateUserPoolClient(ctx, &cognitoidentityprovider.CreateUserPoolClientInput{
		UserPoolId: aws.String(h.poolID),
		ClientName: aws.String(name),
	})
	if err != nil {
		return nil, fmt.Errorf("setup: create the client the lookup finds: %w", err)
	}
	id := aws.ToString(out.UserPoolClient.ClientId)
	fmt.Fprintf(w, "== setup: client %s (%s) made for the lookup to find ==\n\n", id, name)
	if _, ok := p["ClientId"]; !ok {
		return nil, nil
	}
	p["ClientId"], _ = json.Marshal(id)
	edited, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return []localrun.EventOption{localrun.WithResourceProperties(edited)}, nil
}
