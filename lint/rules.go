package lint

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The resource types the rules apply to. cfn-lint matches the type exactly: a template that
// names the resource AWS::CloudFormation::CustomResource or Custom::AppClient (which the
// Lambda serves too) is not checked.
const (
	ClientType = "Custom::UserPoolClient"
	LookupType = "Custom::UserPoolClientLookup"
)

// Rule is one line of a cfn-lint custom rules file.
//
// What cfn-lint 1.51's parser (cfnlint/rules/custom) really does, learned by reading it and by
// running it:
//   - A line is split on the first three spaces: type, property path, operator, then the rest.
//     The rest is cut at the first "WARN" (looked for first) or "ERROR"; so neither word may
//     appear in a value or a message, or the rule silently changes level or loses text.
//   - IN / NOT_IN read "[a,b,c] " by slicing off the first and last two characters and
//     splitting on commas without trimming: "[a, b]" yields " b", which never matches. Lists
//     are therefore written without spaces, followed by exactly one space.
//   - A property path is dotted (TokenValidityUnits.AccessToken); each item of a list is
//     checked on its own; both branches of Fn::If are checked; any other intrinsic
//     (Ref, Fn::GetAtt, Fn::Sub, Fn::ImportValue...) is skipped, so no rule fires on a value
//     known only at deploy time.
//   - Values are compared after str() and strip(): YAML true is "True", " x " is "x".
//     REGEX_MATCH is Python's re.match (anchored at the start only: patterns end in $).
//   - >=, <=, >, < fail with the rule's message when the value is not an integer.
//   - IS DEFINED / IS NOT_DEFINED test a key's presence; NOT_EQUALS "" tests an empty string.
//   - The rule's ID is E9000 + its line number (comments count).
type Rule struct {
	ResourceType string
	Property     string // dotted path
	Operator     string // IS, NOT_EQUALS, REGEX_MATCH, IN, >=, <=
	Value        string
	Message      string
}

// Line renders the rule as cfn-lint reads it. cfn-lint strips the message's quotes and
// unescapes nothing, so the message is written as is.
func (r Rule) Line() string {
	return r.ResourceType + " " + r.Property + " " + r.Operator + " " + r.Value + ` ERROR "` + r.Message + `"`
}

// header precedes the rules; its lines count toward the rules' IDs (E9000 + line number).
const header = `# cfn-lint custom rules for Custom::UserPoolClient and Custom::UserPoolClientLookup.
# Generated from package userpoolclient by ` + "`go run ./cmd/cfnlintrules`" + `; do not edit.
# Use: cfn-lint -z <this file> -- template.yaml templates/*.yaml
`

// Rules returns the custom rules file.
func Rules() string {
	var b strings.Builder
	b.WriteString(header)
	for _, r := range List() {
		b.WriteString(r.Line())
		b.WriteByte('\n')
	}
	return b.String()
}

// List returns the rules, in file order.
func List() []Rule {
	var out []Rule
	for _, t := range []struct {
		name  string
		model reflect.Type
	}{
		{ClientType, reflect.TypeFor[userpoolclient.Properties]()},
		{LookupType, reflect.TypeFor[userpoolclient.LookupProperties]()},
	} {
		out = append(out, required(t.name)...)
		out = append(out, patternRules(t.name)...)
		if t.name == ClientType {
			out = append(out, enumRules(t.name)...)
			out = append(out, typeRules(t.name, t.model, "")...)
			out = append(out, rangeRules(t.name)...)
		}
		out = append(out, misspellings(t.name, t.model, "")...)
	}
	return out
}

func rule(typ, path, op, value, format string, args ...any) Rule {
	return Rule{ResourceType: typ, Property: path, Operator: op, Value: value,
		Message: typ + " " + path + ": " + fmt.Sprintf(format, args...)}
}

// required: UserPoolId must be given and not be empty, for both resource types.
func required(typ string) []Rule {
	return []Rule{
		rule(typ, "UserPoolId", "IS", "DEFINED", "required (the ID of the user pool, for example us-east-1_aBcDeFgHi)"),
		rule(typ, "UserPoolId", "NOT_EQUALS", `""`, "must not be empty"),
	}
}

// Pattern is a string rule of the model, written for Python's regex module (ASCII classes,
// not \w or \s, which are Unicode-wide in Python and ASCII-only in Go). Length limits are
// part of the pattern. lint's tests check each against the model's decoder.
type Pattern struct {
	ResourceType, Property, Regex, Description string
}

// Patterns are the single-property string rules of the model that cfn-lint can express.
var Patterns = []Pattern{
	{ClientType, "UserPoolId", `^(?=.{1,55}$)[A-Za-z0-9_-]+_[0-9a-zA-Z]+$`, `1-55 characters matching ^[\w-]+_[0-9a-zA-Z]+$`},
	{ClientType, "ClientName", `^[A-Za-z0-9_\t\n\f\r +=,.@-]{1,128}$`, `1-128 characters matching ^[\w\s+=,.@-]+$`},
	{ClientType, "AnalyticsConfiguration.ApplicationId", `^[0-9a-fA-F]+$`, "the hexadecimal ID of an Amazon Pinpoint project"},
	{ClientType, "ExistingClientId", `^[A-Za-z0-9_+]{1,128}$`, `an app client ID, 1-128 characters matching ^[\w+]+$`},
	{ClientType, "SecretsManagerSecretId", `^(arn:[A-Za-z0-9_-]+:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,2000}|[A-Za-z0-9/_+=.@-]{1,512})$`,
		"a Secrets Manager secret name (1-512 characters of letters, digits and /_+=.@-) or secret ARN"},
	{LookupType, "UserPoolId", `^(?=.{1,55}$)[A-Za-z0-9_-]+_[0-9a-zA-Z]+$`, `1-55 characters matching ^[\w-]+_[0-9a-zA-Z]+$`},
	{LookupType, "ClientId", `^[A-Za-z0-9_+]{1,128}$`, `an app client ID, 1-128 characters matching ^[\w+]+$`},
	{LookupType, "ClientName", `^[A-Za-z0-9_\t\n\f\r +=,.@-]{1,128}$`, `1-128 characters matching ^[\w\s+=,.@-]+$`},
}

func patternRules(typ string) []Rule {
	var out []Rule
	for _, p := range Patterns {
		if p.ResourceType == typ {
			out = append(out, rule(typ, p.Property, "REGEX_MATCH", p.Regex, "must be %s", p.Description))
		}
	}
	return out
}

// enumRules: one IN rule per enumerated property of the model, with the AWS SDK's values (for
// a list, each item).
func enumRules(typ string) []Rule {
	paths := userpoolclient.EnumPaths()
	out := make([]Rule, 0, len(paths))
	for _, p := range paths {
		vals, _ := userpoolclient.Enum(p)
		for _, v := range vals {
			if v == "" || strings.ContainsAny(v, ", []\"") {
				panic(fmt.Sprintf("lint: enum value %q of %s cannot be written in a cfn-lint IN list", v, p))
			}
		}
		out = append(out, rule(typ, p, "IN", "["+strings.Join(vals, ",")+"]", "must be one of %s", strings.Join(vals, ", ")))
	}
	return out
}

// Boolean and integer shapes, as cfn-lint sees them after str(): YAML true is "True", the
// string "true" stays "true". The decoder takes true/false in any letter case, as
// CloudFormation does for native booleans; unquoted yes/on are YAML 1.1 booleans to
// cfn-lint's decoder and pass the lint, then fail at deploy time.
const (
	boolRegex = `(?i)^(true|false)$`
	intRegex  = `^[0-9]+$`
)

// typeRules: every bool and int field of the model, found by reflection, nested structs
// included.
func typeRules(typ string, t reflect.Type, prefix string) []Rule {
	var out []Rule
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		path := prefix + jsonName(f)
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch ft.Kind() {
		case reflect.Bool:
			out = append(out, rule(typ, path, "REGEX_MATCH", boolRegex, "must be true or false"))
		case reflect.Int, reflect.Int32, reflect.Int64:
			out = append(out, rule(typ, path, "REGEX_MATCH", intRegex, "must be a whole number (no sign, fraction or exponent)"))
		case reflect.Struct:
			out = append(out, typeRules(typ, ft, path+".")...)
		}
	}
	return out
}

// Ranges are the integer limits cfn-lint can express: the model's own
// (userpoolclient.Ranges), which hold whatever the other properties say.
func Ranges() []userpoolclient.Range { return userpoolclient.Ranges() }

func rangeRules(typ string) []Rule {
	var out []Rule
	for _, r := range Ranges() {
		if r.Min > 0 {
			out = append(out, rule(typ, r.Property, ">=", fmt.Sprint(r.Min), "must be at least %d (%s)", r.Min, r.Unit))
		}
		if r.Max > 0 {
			out = append(out, rule(typ, r.Property, "<=", fmt.Sprint(r.Max), "must be at most %d (%s)", r.Max, r.Unit))
		}
	}
	return out
}

// acronyms are the spellings in the model's names that other tools spell differently
// (Pulumi and Terraform write callbackUrls / callback_urls; CDK writes oAuth; many write ID).
var acronyms = [][2]string{{"URLs", "Urls"}, {"URI", "Uri"}, {"OAuth", "Oauth"}, {"Id", "ID"}}

// misspellings: for every property name of the model whose acronym is commonly spelled
// another way, an IS NOT_DEFINED rule on that spelling, naming the right one (the decoder
// rejects the wrong one with the same suggestion).
func misspellings(typ string, t reflect.Type, prefix string) []Rule {
	var out []Rule
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := jsonName(f)
		if v := variant(name); v != "" {
			out = append(out, rule(typ, prefix+v, "IS", "NOT_DEFINED", "unknown property; did you mean %s?", name))
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			out = append(out, misspellings(typ, ft, prefix+name+".")...)
		}
	}
	return out
}

// variant is name with its acronyms spelled the other way, or "" when it has none. "Id" counts
// only as a word of its own (UserPoolId, IdToken), not inside a word (Identity).
func variant(name string) string {
	out := name
	for _, a := range acronyms {
		from, to := a[0], a[1]
		var b strings.Builder
		for rest := out; ; {
			i := strings.Index(rest, from)
			if i < 0 {
				b.WriteString(rest)
				break
			}
			end := i + len(from)
			if from == "Id" && end < len(rest) && rest[end] >= 'a' && rest[end] <= 'z' {
				b.WriteString(rest[:end])
				rest = rest[end:]
				continue
			}
			b.WriteString(rest[:i] + to)
			rest = rest[end:]
		}
		out = b.String()
	}
	if out == name {
		return ""
	}
	return out
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}
