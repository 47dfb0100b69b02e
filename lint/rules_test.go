package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

var update = flag.Bool("update", false, "rewrite testdata/rules.txt from Rules()")

// The rules file is checked in so that a change of the model shows up as a reviewable diff of
// the lint rules. Refresh with: go test ./lint -update
func TestRulesGolden(t *testing.T) {
	golden := filepath.Join("testdata", "rules.txt")
	got := Rules()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with: go test ./lint -update)", err)
	}
	if got != string(want) {
		t.Errorf("Rules() differs from %s; if the change is intended, run: go test ./lint -update\n--- got\n%s", golden, got)
	}
}

// Each line must survive cfn-lint's parser as written (see Rule).
func TestRulesParseAsWritten(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range List() {
		line := r.Line()
		parts := strings.SplitN(line, " ", 4)
		if len(parts) != 4 || parts[0] != r.ResourceType || parts[1] != r.Property || parts[2] != r.Operator {
			t.Errorf("%s: type, property and operator must be the first three space-separated fields", line)
		}
		rest := parts[3]
		if strings.Contains(rest, "WARN") || strings.Count(rest, "ERROR") != 1 {
			t.Errorf("%s: value and message must not contain WARN or ERROR (cfn-lint cuts there)", line)
		}
		if strings.Contains(r.Message, `"`) {
			t.Errorf("%s: a quote in the message is not unescaped by cfn-lint", line)
		}
		if r.Operator == "IN" && (!strings.HasPrefix(r.Value, "[") || !strings.HasSuffix(r.Value, "]") || strings.Contains(r.Value, " ")) {
			t.Errorf("%s: an IN list must be [a,b] without spaces (cfn-lint does not trim items)", line)
		}
		if !slices.Contains([]string{"IS", "NOT_EQUALS", "REGEX_MATCH", "IN", ">=", "<="}, r.Operator) {
			t.Errorf("%s: operator %s is not one the tests prove", line, r.Operator)
		}
		if seen[r.Message] {
			t.Errorf("%s: message is not unique; test/templates tells rules apart by it", line)
		}
		seen[r.Message] = true
	}
	for i, l := range strings.Split(strings.TrimSuffix(Rules(), "\n"), "\n") {
		if strings.HasPrefix(l, "#") && i >= strings.Count(header, "\n") {
			t.Errorf("line %d: comments among the rules shift their IDs", i+1)
		}
	}
}

func TestEnumRulesAreTheModelsEnums(t *testing.T) {
	got := map[string]string{}
	for _, r := range List() {
		if r.Operator == "IN" {
			got[r.ResourceType+" "+r.Property] = r.Value
		}
	}
	if len(got) != len(userpoolclient.EnumPaths()) {
		t.Errorf("%d IN rules, %d enums in the model", len(got), len(userpoolclient.EnumPaths()))
	}
	for _, path := range userpoolclient.EnumPaths() {
		vals, _ := userpoolclient.Enum(path)
		if want := "[" + strings.Join(vals, ",") + "]"; got[ClientType+" "+path] != want {
			t.Errorf("%s: IN %s, want %s", path, got[ClientType+" "+path], want)
		}
	}
}

// decode runs the real decoder of typ on a JSON object built from dotted paths.
func decode(typ string, props map[string]any) []userpoolclient.Issue {
	obj := map[string]any{}
	for path, v := range props {
		m := obj
		keys := strings.Split(path, ".")
		for _, k := range keys[:len(keys)-1] {
			if m[k] == nil {
				m[k] = map[string]any{}
			}
			m = m[k].(map[string]any)
		}
		m[keys[len(keys)-1]] = v
	}
	raw, _ := json.Marshal(obj)
	var err error
	if typ == LookupType {
		_, err = userpoolclient.DecodeLookup(raw)
	} else {
		_, err = userpoolclient.Decode(raw)
	}
	var ve *userpoolclient.ValidationError
	if errors.As(err, &ve) {
		return ve.Issues
	}
	if err != nil {
		panic(err)
	}
	return nil
}

// issueAt reports whether an issue is at path (list indexes stripped).
func issueAt(issues []userpoolclient.Issue, path string) (userpoolclient.Issue, bool) {
	for _, is := range issues {
		p := is.Path
		if i := strings.IndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
		if p == path {
			return is, true
		}
	}
	return userpoolclient.Issue{}, false
}

// base is the smallest valid set of properties of typ, plus what path needs to be checked
// on its own (RetryGracePeriodSeconds only exists under a Feature; context data needs a
// secret).
func base(typ, path string) map[string]any {
	m := map[string]any{"UserPoolId": "us-east-1_aBcDeFgHi"}
	if typ == LookupType {
		m["ClientId"] = "1example23456789abcdefghij"
	}
	switch path {
	case "EnablePropagateAdditionalUserContextData", "SecretsManagerSecretId":
		m["GenerateSecret"] = "true"
	case "SecretSerial":
		m["GenerateSecret"] = "true"
		m["SecretsManagerSecretId"] = "app/web-client"
	}
	if strings.HasPrefix(path, "RefreshTokenRotation.") {
		m["RefreshTokenRotation.Feature"] = "DISABLED"
	}
	if strings.HasPrefix(path, "AnalyticsConfiguration.") {
		m["AnalyticsConfiguration.ApplicationId"] = "0123456789abcdef0123456789abcdef"
		m["AnalyticsConfiguration.ExternalId"] = "some_id"
		m["AnalyticsConfiguration.RoleArn"] = "arn:aws:iam::123456789012:role/cognito-pinpoint"
	}
	return m
}

func with(m map[string]any, path string, v any) map[string]any {
	out := map[string]any{}
	for k, x := range m {
		out[k] = x
	}
	out[path] = v
	return out
}

// The bool and int shape rules flag what the decoder rejects as a type, and pass what it takes.
func TestTypeRulesAgreeWithDecoder(t *testing.T) {
	n := 0
	for _, r := range List() {
		if r.Operator != "REGEX_MATCH" || (r.Value != boolRegex && r.Value != intRegex) {
			continue
		}
		n++
		good, bad := []any{"true", "false", true, "True", "FALSE"}, []any{"yes", "1", 1, "", " true"}
		if r.Value == intRegex {
			good, bad = []any{"5", 5}, []any{"1.5", 1.5, "1e3", "five", "", true}
		}
		for _, v := range good {
			if is, ok := issueAt(decode(r.ResourceType, with(base(r.ResourceType, r.Property), r.Property, v)), r.Property); ok {
				t.Errorf("%s %#v: the decoder rejects what the rule passes: %s", r.Property, v, is)
			}
		}
		for _, v := range bad {
			if _, ok := issueAt(decode(r.ResourceType, with(base(r.ResourceType, r.Property), r.Property, v)), r.Property); !ok {
				t.Errorf("%s %#v: the decoder accepts it", r.Property, v)
			}
		}
	}
	if n != 11 {
		t.Errorf("%d shape rules; the model has 5 booleans and 6 integers", n)
	}
}

func TestRangesAgreeWithDecoder(t *testing.T) {
	units := []string{"seconds", "minutes", "hours", "days"}
	unitPath := map[string]string{"AccessTokenValidity": "TokenValidityUnits.AccessToken",
		"IdTokenValidity": "TokenValidityUnits.IdToken", "RefreshTokenValidity": "TokenValidityUnits.RefreshToken"}
	for _, r := range Ranges() {
		check := func(props map[string]any, v int, wantOK bool) {
			t.Helper()
			is, bad := issueAt(decode(ClientType, with(props, r.Property, fmt.Sprint(v))), r.Property)
			if bad == wantOK {
				t.Errorf("%s %d with %v: decoder ok=%v (%s), rules say ok=%v", r.Property, v, props, !bad, is, wantOK)
			}
		}
		b := base(ClientType, r.Property)
		if up, ok := unitPath[r.Property]; ok {
			// Below the floor in every unit; the floor itself valid in some unit.
			someOK := false
			for _, u := range units {
				check(with(b, up, u), r.Min-1, false)
				_, bad := issueAt(decode(ClientType, with(with(b, up, u), r.Property, fmt.Sprint(r.Min))), r.Property)
				someOK = someOK || !bad
			}
			if !someOK {
				t.Errorf("%s: %d is valid in no unit; the floor is too low", r.Property, r.Min)
			}
			continue
		}
		check(b, r.Min-1, false)
		check(b, r.Min, true)
		check(b, r.Max, true)
		check(b, r.Max+1, false)
	}
}

// The patterns are run by the engine cfn-lint uses (Python's regex module) against samples,
// and must give the decoder's verdict on each.
func TestPatternsAgreeWithDecoder(t *testing.T) {
	samples := map[string][]string{
		"UserPoolId": {"us-east-1_aBcDeFgHi", "a_b", "a__b", "x-y_Z9", "us-east-1-aBcDeFgHi", "us-east-1_a-b",
			"é_a", "_abc", "abc_", "us east_1", "us-east-1_" + strings.Repeat("a", 45), "us-east-1_" + strings.Repeat("a", 46)},
		"ClientName": {"web", "my client", "a+b=c,d.e@f-g_h", "tab\there", "web!", "café", "a/b",
			strings.Repeat("n", 128), strings.Repeat("n", 129), "日本"},
		"AnalyticsConfiguration.ApplicationId": {"0123456789abcdef", "ABCDEF", "xyz", "0x12", "12 34"},
		"ClientId":                             {"1example23456789abcdefghij", "a+b", "a_b", "create-failed:0f2c", "a-b", strings.Repeat("c", 128), strings.Repeat("c", 129)},
		"ExistingClientId":                     {"1example23456789abcdefghij", "a+b", "a_b", "create-failed:0f2c", "a-b", strings.Repeat("c", 128), strings.Repeat("c", 129)},
		"SecretsManagerSecretId": {"app/web-client", "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/web-AbCdEf",
			"arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x-AbCdEf", "my secret", "a:b",
			"arn:aws:ssm:us-east-1:123456789012:parameter/x", "arn:aws:secretsmanager:us-east-1:12345:secret:x",
			strings.Repeat("s", 512), strings.Repeat("s", 513), "a+b=c.d@e-f_g/h"},
	}
	type job struct {
		Regex   string
		Samples []string
	}
	var jobs []job
	for _, p := range Patterns {
		jobs = append(jobs, job{p.Regex, samples[p.Property]})
	}
	in, _ := json.Marshal(jobs)
	testrig.Need(t, testrig.CfnLint) // its Python has the regex module
	cmd := exec.Command(testrig.CfnLintPython(), "-c", `import json, sys, regex
jobs = json.load(sys.stdin)
json.dump([[bool(regex.match(j["Regex"], s)) for s in j["Samples"]] for j in jobs], sys.stdout)`)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 with the regex module (a cfn-lint dependency) is needed: %v", err)
	}
	var matched [][]bool
	if err := json.Unmarshal(out, &matched); err != nil {
		t.Fatal(err)
	}
	for i, p := range Patterns {
		if len(samples[p.Property]) == 0 {
			t.Fatalf("no samples for %s", p.Property)
		}
		b := base(p.ResourceType, p.Property)
		if p.ResourceType == LookupType && p.Property == "ClientName" {
			delete(b, "ClientId")
		}
		for j, s := range samples[p.Property] {
			is, bad := issueAt(decode(p.ResourceType, with(b, p.Property, s)), p.Property)
			if matched[i][j] == bad {
				t.Errorf("%s %s %q: pattern matches=%v, decoder: %v", p.ResourceType, p.Property, s, matched[i][j], is)
			}
		}
	}
}

// Each misspelling rule names the property the decoder suggests for the same key.
func TestMisspellingsAgreeWithDecoder(t *testing.T) {
	n := 0
	for _, r := range List() {
		if r.Operator != "IS" || r.Value != "NOT_DEFINED" {
			continue
		}
		n++
		is, ok := issueAt(decode(r.ResourceType, with(base(r.ResourceType, ""), r.Property, "x")), r.Property)
		_, want, _ := strings.Cut(r.Message, "unknown property; ")
		if !ok || !strings.Contains(is.Message, want) {
			t.Errorf("%s: decoder says %q, rule says %q", r.Property, is, want)
		}
	}
	if n < 10 {
		t.Errorf("only %d misspelling rules", n)
	}
}

func TestRequiredAgreesWithDecoder(t *testing.T) {
	for _, typ := range []string{ClientType, LookupType} {
		for _, props := range []map[string]any{{}, {"UserPoolId": ""}} {
			if typ == LookupType {
				props["ClientId"] = "1example23456789abcdefghij"
			}
			if _, ok := issueAt(decode(typ, props), "UserPoolId"); !ok {
				t.Errorf("%s %v: decoder accepts a missing or empty UserPoolId", typ, props)
			}
		}
	}
}

func TestVariant(t *testing.T) {
	for in, want := range map[string]string{
		"CallbackURLs":               "CallbackUrls",
		"DefaultRedirectURI":         "DefaultRedirectUri",
		"AllowedOAuthFlows":          "AllowedOauthFlows",
		"UserPoolId":                 "UserPoolID",
		"IdTokenValidity":            "IDTokenValidity",
		"SupportedIdentityProviders": "",
		"ClientName":                 "",
	} {
		if got := variant(in); got != want {
			t.Errorf("variant(%s) = %q, want %q", in, got, want)
		}
	}
}
