package userpoolclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// cloudFormationKeys are CloudFormation's own keys inside ResourceProperties: accepted and
// ignored.
var cloudFormationKeys = []string{"ServiceToken", "ServiceTimeout"}

// presence records which scalar properties were written out, with their literal text, so
// that an explicit 0 or "" is checked like any other value rather than taken for "absent",
// and a range message echoes what the user wrote.
type presence map[string]string

// Decode reads ResourceProperties as CloudFormation sends them and validates them: every
// type error and every rule violation is reported at once in a *ValidationError.
//
// CloudFormation turns every scalar into a string, so a boolean is accepted as true/false
// or the string "true"/"false" in any letter case ("True", "FALSE"), and an integer as a JSON number or a string of decimal digits, written
// without fraction or exponent. A JSON null means absent. An unknown key at any depth is an
// error naming it, with the closest known name when there is one.
func Decode(raw []byte) (Properties, error) {
	var p Properties
	var is issues
	present := decodeObject(raw, &p, cloudFormationKeys, &is)
	if is.broken[""] { // not an object: there are no properties to check
		return p, is.err()
	}
	validate(&p, present, nil, &is)
	// A malformed integer is told its range too, now that the units are known.
	for _, i := range is.malformedInts {
		if lim, ok := intLimits(&p, is.list[i].Path); ok {
			is.list[i].Message += "; allowed: " + lim.String()
		}
	}
	return p, is.err()
}

// decodeObject decodes raw into the struct dst points to; it records type errors in is.
func decodeObject(raw []byte, dst any, ignored []string, is *issues) presence {
	present := presence{}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return present
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		is.addBroken("", "ResourceProperties are not valid JSON: %v", err)
		return present
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		is.addBroken("", "ResourceProperties are not valid JSON: trailing data")
		return present
	}
	obj, ok := v.(map[string]any)
	if !ok {
		is.addBroken("", "ResourceProperties must be an object")
		return present
	}
	d := decoder{is: is, present: present}
	d.object(obj, reflect.ValueOf(dst).Elem(), "", ignored)
	return present
}

type decoder struct {
	is      *issues
	present presence
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// fieldsByName maps JSON names to field indexes for a struct type.
func fieldsByName(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		m[jsonName(t.Field(i))] = i
	}
	return m
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

func (d decoder) object(obj map[string]any, dst reflect.Value, prefix string, ignored []string) {
	fields := fieldsByName(dst.Type())
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := join(prefix, k)
		i, ok := fields[k]
		if !ok {
			if slices.Contains(ignored, k) {
				continue
			}
			path = join(prefix, clipKey(k)) // a 1 MB key must not become a 1 MB message
			known := append(names(dst.Type()), ignored...)
			if s := suggest(k, known); s != "" {
				d.is.addBroken(path, "unknown property; did you mean %s?", s)
			} else {
				d.is.addBroken(path, "unknown property; known properties are %s", strings.Join(names(dst.Type()), ", "))
			}
			continue
		}
		d.value(obj[k], dst.Field(i), path)
	}
}

// clipKey cuts an unknown key for its issue path; no known name is longer than 64 runes.
func clipKey(k string) string {
	const max = 64
	if r := []rune(k); len(r) > max {
		return fmt.Sprintf("%s… (%d characters)", string(r[:max]), len(r))
	}
	return k
}

func names(t reflect.Type) []string {
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = jsonName(t.Field(i))
	}
	return out
}

var digits = regexp.MustCompile(`^-?[0-9]+$`)

func (d decoder) value(v any, dst reflect.Value, path string) {
	if v == nil { // JSON null: absent
		return
	}
	switch dst.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			d.is.addBroken(path, "must be a string; %s given", describe(v))
			return
		}
		dst.SetString(s)
		d.present[path] = s
	case reflect.Bool:
		if b, ok := d.boolean(v, path); ok {
			dst.SetBool(b)
		}
	case reflect.Int:
		if n, ok := d.integer(v, path); ok {
			dst.SetInt(n)
			d.present[path] = fmt.Sprint(v)
		}
	case reflect.Pointer:
		elem := dst.Type().Elem()
		switch elem.Kind() {
		case reflect.Bool:
			if b, ok := d.boolean(v, path); ok {
				dst.Set(reflect.ValueOf(&b))
			}
		case reflect.Int:
			if n, ok := d.integer(v, path); ok {
				i := int(n)
				dst.Set(reflect.ValueOf(&i))
				d.present[path] = fmt.Sprint(v)
			}
		case reflect.Struct:
			obj, ok := v.(map[string]any)
			if !ok {
				d.is.addBroken(path, "must be an object with keys %s; %s given", strings.Join(names(elem), ", "), describe(v))
				return
			}
			ptr := reflect.New(elem)
			d.object(obj, ptr.Elem(), path, nil)
			dst.Set(ptr)
		}
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			d.is.addBroken(path, "must be a list of strings; %s given", describe(v))
			return
		}
		out := reflect.MakeSlice(dst.Type(), len(list), len(list))
		for i, item := range list {
			s, ok := item.(string)
			if !ok {
				d.is.addBroken(path, "must be a list of strings; item %d is %s", i, describe(item))
				return
			}
			out.Index(i).SetString(s)
		}
		dst.Set(out)
	}
}

func (d decoder) boolean(v any, path string) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		// Any letter case, as CloudFormation and cfn-lint take for native booleans.
		switch {
		case strings.EqualFold(x, "true"):
			return true, true
		case strings.EqualFold(x, "false"):
			return false, true
		}
	}
	d.is.addBroken(path, "must be true or false; %s given", describe(v))
	return false, false
}

func (d decoder) integer(v any, path string) (int64, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = string(x)
	case string:
		s = x
	default:
		d.is.addBroken(path, "must be a whole number; %s given", describe(v))
		d.is.malformedInts = append(d.is.malformedInts, len(d.is.list)-1)
		return 0, false
	}
	if !digits.MatchString(s) {
		d.is.addBroken(path, "must be a whole number written in decimal digits; %s given", describe(v))
		d.is.malformedInts = append(d.is.malformedInts, len(d.is.list)-1)
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil { // out of int32: keep the sign so the range check names the range
		if strings.HasPrefix(s, "-") {
			return math.MinInt32, true
		}
		return math.MaxInt32, true
	}
	return n, true
}

// describe names what was given, for messages: its JSON type and, for scalars, the value.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return "the string " + quote(x)
	case json.Number:
		return "the number " + quote(string(x))
	case bool:
		return "the boolean " + strconv.FormatBool(x)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	case nil:
		return "null"
	}
	return reflect.TypeOf(v).String()
}
