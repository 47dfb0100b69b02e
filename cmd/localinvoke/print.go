package main

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// mask replaces a secret when printing.
const mask = "****"

// maskResponse returns a response body for printing: indented, in the
// function's own key order, with Data.ClientSecret masked. A body that is not
// a JSON object is returned as it is.
func maskResponse(body []byte) string {
	var v map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return string(body)
	}
	data, _ := v["Data"].(map[string]any)
	secret, ok := data["ClientSecret"]
	if !ok {
		return indentRaw(body, v)
	}
	// Replace the secret's literal where it stands, so the key order stays.
	if lit, err := json.Marshal(secret); err == nil {
		masked := bytes.ReplaceAll(body, lit, []byte(`"`+mask+`"`))
		var check struct{ Data map[string]any }
		if json.Unmarshal(masked, &check) == nil && check.Data["ClientSecret"] == mask {
			return indentRaw(masked, v)
		}
	}
	data["ClientSecret"] = mask // written some other way: print sorted instead
	return indent(v)
}

// indentRaw indents raw, or prints fallback if raw will not indent.
func indentRaw(raw []byte, fallback any) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return indent(fallback)
	}
	return b.String()
}

// maskClient returns the client as a JSON object without its null fields and
// with ClientSecret masked.
func maskClient(c *types.UserPoolClientType) any {
	if c == nil {
		return nil
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return err.Error()
	}
	var v map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return string(raw)
	}
	for k, x := range v {
		if x == nil {
			delete(v, k)
		}
	}
	if _, ok := v["ClientSecret"]; ok {
		v["ClientSecret"] = mask
	}
	return v
}

// indent renders v as indented JSON, a string as it is.
func indent(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err.Error()
	}
	return strings.TrimRight(b.String(), "\n")
}
