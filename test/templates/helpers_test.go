package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// root is the repository root, seen from this package's directory.
const root = "../.."

const (
	clientType = "Custom::UserPoolClient"
	lookupType = "Custom::UserPoolClientLookup"
)

// decodeScript reads templates with cfn-lint's decoder, which knows CloudFormation's YAML
// (short-form tags, duplicate keys as errors), and prints them as one JSON object by path.
const decodeScript = `import json, sys
from cfnlint.decode import decode
out = {}
for f in sys.argv[1:]:
    tpl, matches = decode(f)
    if matches or tpl is None:
        sys.exit(f + ": " + "; ".join(str(m) for m in matches))
    out[f] = tpl
json.dump(out, sys.stdout, default=str)
`

// loaded caches decoded templates by path: each python3 start costs a second.
var loaded = map[string]map[string]any{}

// loadTemplates decodes the templates at paths (relative to the repository root).
func loadTemplates(t *testing.T, paths ...string) map[string]map[string]any {
	t.Helper()
	testrig.Need(t, testrig.CfnLint, testrig.Python3)
	var missing []string
	for _, p := range paths {
		if _, ok := loaded[p]; !ok {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		cmd := exec.Command(testrig.CfnLintPython(), append([]string{"-c", decodeScript}, missing...)...)
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("decode templates with cfn-lint's decoder (pip install cfn-lint): %v\n%s", err, stderr.String())
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.UseNumber() // keep 1.5 and 1e3 as written, for the decoder to judge
		var all map[string]map[string]any
		if err := dec.Decode(&all); err != nil {
			t.Fatal(err)
		}
		for p, tpl := range all {
			loaded[p] = tpl
		}
	}
	out := make(map[string]map[string]any, len(paths))
	for _, p := range paths {
		out[p] = loaded[p]
	}
	return out
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(root, pattern))
	if err != nil || len(matches) == 0 {
		t.Fatalf("no files match %s", pattern)
	}
	rel := make([]string, len(matches))
	for i, m := range matches {
		rel[i], _ = filepath.Rel(root, m)
	}
	sort.Strings(rel)
	return rel
}

// resources returns the template's resources of one of the given types, by logical ID.
func resources(tpl map[string]any, types ...string) map[string]map[string]any {
	out := map[string]map[string]any{}
	res, _ := tpl["Resources"].(map[string]any)
	for id, r := range res {
		m, _ := r.(map[string]any)
		if typ, _ := m["Type"].(string); len(types) == 0 || contains(types, typ) {
			out[id] = m
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dig follows keys (string for maps, int for lists) and returns what is there, or nil.
func dig(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

type issue = userpoolclient.Issue

// The placeholder standing for a value CloudFormation resolves at deploy time.
const placeholderPrefix = "{{unresolved "

func isPlaceholder(s string) bool { return strings.HasPrefix(s, placeholderPrefix) }

// intrinsic reports whether v is an intrinsic function call ({"Ref": ...}, {"Fn::Sub": ...}).
func intrinsic(v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return nil, false
	}
	for k := range m {
		return m, k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
	}
	return nil, false
}

// resolve replaces every intrinsic in v, a value of Go type t (nil when the key is unknown to
// the model), by what the decoder can judge: a placeholder string for a string, a list of one
// placeholder for a list, and nothing for a boolean, an integer or an object (their values
// are known only at deploy time, and checked then). Ref AWS::NoValue is absence.
func resolve(v any, t reflect.Type) (any, bool) {
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if call, ok := intrinsic(v); ok {
		if call["Ref"] == "AWS::NoValue" {
			return nil, false
		}
		text, _ := json.Marshal(call)
		ph := placeholderPrefix + string(text) + "}}"
		switch {
		case t == nil || t.Kind() == reflect.String:
			return ph, true
		case t.Kind() == reflect.Slice:
			return []any{ph}, true
		default:
			return nil, false
		}
	}
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			var ft reflect.Type
			if t != nil && t.Kind() == reflect.Struct {
				ft = fieldType(t, k)
			}
			if r, keep := resolve(x, ft); keep {
				out[k] = r
			}
		}
		return out, true
	case []any:
		var et reflect.Type
		if t != nil && t.Kind() == reflect.Slice {
			et = t.Elem()
		}
		out := []any{}
		for _, x := range v {
			if r, keep := resolve(x, et); keep {
				out = append(out, r)
			}
		}
		return out, true
	}
	return v, true
}

func fieldType(t reflect.Type, jsonName string) reflect.Type {
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == jsonName {
			return t.Field(i).Type
		}
	}
	return nil
}

// hasIntrinsics reports whether the properties, CloudFormation's own keys aside, use an
// intrinsic anywhere.
func hasIntrinsics(props map[string]any) bool {
	var walk func(v any) bool
	walk = func(v any) bool {
		if _, ok := intrinsic(v); ok {
			return true
		}
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				if walk(x) {
					return true
				}
			}
		case []any:
			for _, x := range v {
				if walk(x) {
					return true
				}
			}
		}
		return false
	}
	for k, v := range props {
		if k != "ServiceToken" && k != "ServiceTimeout" && walk(v) {
			return true
		}
	}
	return false
}

func issuesOf(err error) []userpoolclient.Issue {
	var ve *userpoolclient.ValidationError
	if errors.As(err, &ve) {
		return ve.Issues
	}
	if err != nil {
		return []userpoolclient.Issue{{Message: err.Error()}}
	}
	return nil
}

// checkProperties runs a template resource's properties through the Lambda's decoder and
// validator and returns what they reject.
//
// For Custom::UserPoolClient: Decode reports type errors and rule violations, the latter
// without knowing which values are placeholders; so the rule violations are taken from
// ValidateWith(Unresolved: isPlaceholder) instead, and from Decode only what Validate alone
// does not report (type errors, unknown keys, explicit zeros). For the lookup, whose fields
// are all strings, an issue on a placeholder is dropped.
func checkProperties(typ string, props map[string]any) []userpoolclient.Issue {
	model := reflect.TypeFor[userpoolclient.Properties]()
	if typ == lookupType {
		model = reflect.TypeFor[userpoolclient.LookupProperties]()
	}
	resolved, _ := resolve(props, model)
	raw, err := json.Marshal(resolved)
	if err != nil {
		panic(err)
	}
	if typ == lookupType {
		_, err := userpoolclient.DecodeLookup(raw)
		var out []userpoolclient.Issue
		for _, is := range issuesOf(err) {
			if s, ok := resolved.(map[string]any)[is.Path].(string); ok && isPlaceholder(s) {
				continue
			}
			out = append(out, is)
		}
		return out
	}
	p, err := userpoolclient.Decode(raw)
	plain := map[string]int{}
	for _, is := range issuesOf(p.Validate()) {
		plain[is.String()]++
	}
	var out []userpoolclient.Issue
	for _, is := range issuesOf(err) {
		if plain[is.String()] > 0 {
			plain[is.String()]--
			continue
		}
		out = append(out, is)
	}
	return append(out, issuesOf(p.ValidateWith(userpoolclient.ValidateOptions{Unresolved: isPlaceholder}))...)
}

func readFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
