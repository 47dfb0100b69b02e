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
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

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
// lookup finds one created for it. It fails when the answer is not the
// expected status.
func (h *harness) single(ctx context.Context, w io.Writer, ev sampleEvent) error {
	name := localrun.EventString(ev.raw, "RequestType") + " " + ev.path
	opts, err := h.setup(ctx, w, ev.raw)
	if err != nil {
		return err
	}
	out, _, err := h.step(ctx, w, name, ev.raw, opts...)
	if err != nil {
		return err
	}
	if !out.delivered {
		return errors.New("no response was delivered to CloudFormation")
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
// event at it: the Secrets Manager secrets its properties name (created empty,
// as a template would), and the client an Update or Delete acts on or a Create
// with ExistingClientId adopts (created through the function, from the
// properties the client had before the request, without ExistingClientId),
// whose ID then stands wherever the event names the client.
func (h *harness) setup(ctx context.Context, w io.Writer, raw []byte) ([]localrun.EventOption, error) {
	requestType := localrun.EventString(raw, "RequestType")
	props, _ := localrun.EventField(raw, "ResourceProperties")
	if localrun.EventString(raw, "ResourceType") == lookupType {
		if requestType == "Delete" {
			return nil, nil // a lookup's Delete changes nothing
		}
		return h.setupLookup(ctx, w, props)
	}
	old, hasOld := localrun.EventField(raw, "OldResourceProperties")
	secrets := map[string]string{}
	var err error
	if props, err = h.setupStorage(ctx, w, props, secrets); err != nil {
		return nil, err
	}
	if hasOld {
		if old, err = h.setupStorage(ctx, w, old, secrets); err != nil {
			return nil, err
		}
	}
	opts := []localrun.EventOption{localrun.WithResourceProperties(props)}
	if hasOld {
		opts = append(opts, localrun.WithOldResourceProperties(old))
	}

	before := props // the properties the client had before this request
	if requestType == "Update" && hasOld {
		before = old
	}
	adopts := requestType == "Create" && propField(props, "ExistingClientId") != ""
	acts := (requestType == "Update" || requestType == "Delete") && clientIDPattern.MatchString(localrun.EventString(raw, "PhysicalResourceId"))
	if !adopts && !acts {
		return opts, nil // a plain Create, or the marker of a failed Create: no client
	}
	out, _, err := h.step(ctx, w, "setup: Create the client the "+requestType+" acts on", raw,
		localrun.WithRequestType("Create"), localrun.WithRequestID("setup-"+localrun.EventString(raw, "RequestId")),
		localrun.WithResourceProperties(editProps(before, func(p map[string]json.RawMessage) { delete(p, "ExistingClientId") })),
		localrun.WithoutKey("OldResourceProperties"), localrun.WithoutKey("PhysicalResourceId"))
	if err != nil {
		return nil, err
	}
	if out.response.Status != "SUCCESS" || len(out.problems) > 0 {
		return nil, errors.New("setup: the client the event acts on could not be created")
	}
	id := out.response.PhysicalResourceID
	named := func(p map[string]json.RawMessage) {
		if _, ok := p["ExistingClientId"]; ok {
			p["ExistingClientId"], _ = json.Marshal(id)
		}
	}
	opts = append(opts, localrun.WithResourceProperties(editProps(props, named)))
	if hasOld {
		opts = append(opts, localrun.WithOldResourceProperties(editProps(old, named)))
	}
	if acts {
		opts = append(opts, localrun.WithPhysicalResourceID(id))
	}
	return opts, nil
}

// setupStorage creates, empty, the Secrets Manager secret that props name in
// SecretsManagerSecretId (once per name, recorded in made) and returns props
// naming it by the ARN it got.
func (h *harness) setupStorage(ctx context.Context, w io.Writer, props json.RawMessage, made map[string]string) (json.RawMessage, error) {
	given := propField(props, "SecretsManagerSecretId")
	if given == "" {
		return props, nil
	}
	arn, ok := made[given]
	if !ok {
		name := secretName(given)
		out, err := h.moto.SecretsManager().CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name)})
		if err != nil {
			return nil, fmt.Errorf("setup: create the storage secret %s: %w", name, err)
		}
		arn = aws.ToString(out.ARN)
		made[given] = arn
		fmt.Fprintf(w, "== setup: storage secret %s ==\n\n", arn)
	}
	return editProps(props, func(p map[string]json.RawMessage) { p["SecretsManagerSecretId"], _ = json.Marshal(arn) }), nil
}

// secretName is the name of the secret an ID names: the ID itself, or for an
// ARN the name in it, less the six-character suffix Secrets Manager adds.
func secretName(id string) string {
	m := regexp.MustCompile(`:secret:(.+)-[A-Za-z0-9]{6}$`).FindStringSubmatch(id)
	if m == nil {
		return id
	}
	return m[1]
}

// propField is a string property of a properties object, or "".
func propField(props json.RawMessage, key string) string {
	var p map[string]json.RawMessage
	var v string
	if json.Unmarshal(props, &p) == nil {
		_ = json.Unmarshal(p[key], &v)
	}
	return v
}

// propString is a string property of one of an event's properties objects.
func propString(event []byte, field, key string) string {
	props, _ := localrun.EventField(event, field)
	return propField(props, key)
}

// editProps returns props changed by edit; props that are not an object come
// back as they are (the function reports them).
func editProps(props json.RawMessage, edit func(map[string]json.RawMessage)) json.RawMessage {
	var p map[string]json.RawMessage
	if err := json.Unmarshal(props, &p); err != nil || p == nil {
		return props
	}
	edit(p)
	out, err := json.Marshal(p)
	if err != nil {
		return props
	}
	return out
}

// setupLookup creates, directly in Cognito, the client a lookup finds: with
// the ClientName it names, and its ClientId put in the event when it names one.
func (h *harness) setupLookup(ctx context.Context, w io.Writer, props json.RawMessage) ([]localrun.EventOption, error) {
	name := propField(props, "ClientName")
	if name == "" {
		name = "looked-up-client"
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
	if propField(props, "ClientId") == "" {
		return nil, nil
	}
	return []localrun.EventOption{localrun.WithResourceProperties(editProps(props, func(p map[string]json.RawMessage) {
		p["ClientId"], _ = json.Marshal(id)
	}))}, nil
}
