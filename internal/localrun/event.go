package localrun

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// EventOption changes one more thing in PrepareEvent.
type EventOption func(*eventEdit)

type eventEdit struct {
	set map[string]json.RawMessage // top-level keys to set, in call order
	del map[string]bool
	ord []string
}

func (e *eventEdit) put(key string, v json.RawMessage) {
	if _, ok := e.set[key]; !ok {
		e.ord = append(e.ord, key)
	}
	e.set[key] = v
	delete(e.del, key)
}

// WithPhysicalResourceID sets the event's PhysicalResourceId, as
// CloudFormation does for Update and Delete requests.
func WithPhysicalResourceID(id string) EventOption {
	return func(e *eventEdit) { e.put("PhysicalResourceId", mustString(id)) }
}

// WithResourceProperties replaces the event's ResourceProperties with props
// (a JSON object, kept byte for byte but for the UserPoolId substitution).
func WithResourceProperties(props json.RawMessage) EventOption {
	return func(e *eventEdit) { e.put("ResourceProperties", props) }
}

// WithOldResourceProperties replaces the event's OldResourceProperties.
func WithOldResourceProperties(props json.RawMessage) EventOption {
	return func(e *eventEdit) { e.put("OldResourceProperties", props) }
}

// WithRequestType sets the event's RequestType (Create, Update or Delete).
func WithRequestType(t string) EventOption {
	return func(e *eventEdit) { e.put("RequestType", mustString(t)) }
}

// WithRequestID sets the event's RequestId (CloudFormation's is a UUID,
// unique per request).
func WithRequestID(id string) EventOption {
	return func(e *eventEdit) { e.put("RequestId", mustString(id)) }
}

// WithoutKey removes a top-level key, for events CloudFormation would never
// send (ResponseURL missing, no ResourceProperties).
func WithoutKey(key string) EventOption {
	return func(e *eventEdit) {
		delete(e.set, key)
		e.del[key] = true
	}
}

// PrepareEvent adapts a sample CloudFormation request (events/*.json) to a
// local run:
//
//   - ResponseURL is set to responseURL (left alone when responseURL is "");
//   - ResourceProperties.UserPoolId and OldResourceProperties.UserPoolId, when
//     present, are replaced by userPoolID (left alone when userPoolID is "");
//   - then opts apply, in order (the UserPoolId substitution also applies to
//     properties they set).
//
// Every other key keeps its position, its JSON type and its exact text (the
// output is compacted): the event is edited as ordered layers of raw JSON,
// never decoded into structs or maps, so a stringified "30", a native 30 and
// a 1e3 all survive as they were. The input must be a JSON object; ResourceProperties that are not an
// object are left as they are.
func PrepareEvent(raw []byte, responseURL, userPoolID string, opts ...EventOption) ([]byte, error) {
	ev, err := parseObject(raw)
	if err != nil {
		return nil, fmt.Errorf("prepare event: %w", err)
	}
	edit := &eventEdit{set: map[string]json.RawMessage{}, del: map[string]bool{}}
	if responseURL != "" {
		edit.put("ResponseURL", mustString(responseURL))
	}
	for _, opt := range opts {
		opt(edit)
	}
	for _, k := range edit.ord {
		if v, ok := edit.set[k]; ok {
			ev.set(k, v)
		}
	}
	for k := range edit.del {
		ev.remove(k)
	}
	if userPoolID != "" {
		for _, key := range []string{"ResourceProperties", "OldResourceProperties"} {
			v, ok := ev.get(key)
			if !ok {
				continue
			}
			props, err := parseObject(v)
			if err != nil {
				continue // not an object: a deliberately malformed event
			}
			if _, ok := props.get("UserPoolId"); ok {
				props.set("UserPoolId", mustString(userPoolID))
				ev.set(key, props.encode())
			}
		}
	}
	var out bytes.Buffer
	if err := json.Compact(&out, ev.encode()); err != nil {
		return nil, fmt.Errorf("prepare event: %w", err) // an option set invalid JSON
	}
	return out.Bytes(), nil
}

// EventField returns the raw JSON of a top-level key of event.
func EventField(event []byte, key string) (json.RawMessage, bool) {
	obj, err := parseObject(event)
	if err != nil {
		return nil, false
	}
	return obj.get(key)
}

// EventString returns a top-level string field of event ("" when absent or not a string).
func EventString(event []byte, key string) string {
	raw, ok := EventField(event, key)
	if !ok {
		return ""
	}
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

// Placeholders are the SecretsManagerSecretId and ExistingClientId a sample event names, as
// written, in its ResourceProperties or else its OldResourceProperties ("" when it names
// none): what a runner makes before it sends the event (an empty storage secret, a client to
// adopt) and replaces with the real ARN and ID.
func Placeholders(event []byte) (secret, existing string) {
	for _, field := range []string{"ResourceProperties", "OldResourceProperties"} {
		v, _ := EventField(event, field)
		var p map[string]any
		_ = json.Unmarshal(v, &p)
		if s, ok := p["SecretsManagerSecretId"].(string); ok && secret == "" {
			secret = s
		}
		if s, ok := p["ExistingClientId"].(string); ok && existing == "" {
			existing = s
		}
	}
	return secret, existing
}

// object is a JSON object as an ordered list of members with raw values.
type object []member

type member struct {
	key string
	val json.RawMessage
}

func parseObject(raw []byte) (object, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	var obj object
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, fmt.Errorf("value of %q: %w", key, err)
		}
		obj = append(obj, member{key: key, val: val})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON object")
	}
	return obj, nil
}

func (o object) get(key string) (json.RawMessage, bool) {
	for _, m := range o {
		if m.key == key {
			return m.val, true
		}
	}
	return nil, false
}

// set replaces every member named key, or appends one.
func (o *object) set(key string, val json.RawMessage) {
	found := false
	for i := range *o {
		if (*o)[i].key == key {
			(*o)[i].val = val
			found = true
		}
	}
	if !found {
		*o = append(*o, member{key: key, val: val})
	}
}

func (o *object) remove(key string) {
	out := (*o)[:0]
	for _, m := range *o {
		if m.key != key {
			out = append(out, m)
		}
	}
	*o = out
}

func (o object) encode() []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(mustString(m.key))
		b.WriteByte(':')
		b.Write(m.val)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// Marshal is json.Marshal without HTML escaping, as CloudFormation writes JSON.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// mustString encodes s as a JSON string without HTML escaping.
func mustString(s string) json.RawMessage {
	b, _ := Marshal(s) // a string always encodes
	return b
}
