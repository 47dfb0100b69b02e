package userpoolclient

import (
	"reflect"
	"slices"
)

// DecodeLenient reads properties the way an older version of this resource may have
// written them (the OldResourceProperties of an Update, the properties of a Delete): it keeps
// what it can read and ignores unknown keys and type errors. It never fails.
func DecodeLenient(raw []byte) Properties {
	var p Properties
	decodeObject(raw, &p, nil, &issues{})
	return p
}

// replacing are the properties whose change needs a new client: Cognito cannot move a client
// to another pool nor add or remove its secret (UpdateUserPoolClient has neither field). This
// is the one place the replacement rule is written; the lifecycle, the docs and the CDK read it.
var replacing = []string{"UserPoolId", "GenerateSecret"}

// ReplacingProperties returns the properties whose change replaces the client.
func ReplacingProperties() []string { return slices.Clone(replacing) }

// ReplacesClient reports whether a change of property (a top-level JSON name) replaces the
// client.
func ReplacesClient(property string) bool { return slices.Contains(replacing, property) }

// RequiresReplacement reports whether going from old to desired needs a new client: whether
// any of ReplacingProperties differs.
func RequiresReplacement(old, desired Properties) bool {
	a, b := reflect.ValueOf(old), reflect.ValueOf(desired)
	fields := fieldsByName(a.Type())
	for _, name := range replacing {
		i := fields[name]
		if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			return true
		}
	}
	return false
}

// Diff names the properties that differ between old and desired, in declaration order.
// Lists compare as sets: Cognito does not keep their order.
func Diff(old, desired Properties) []string {
	a, b := reflect.ValueOf(old.normalized()), reflect.ValueOf(desired.normalized())
	var out []string
	for i := 0; i < a.NumField(); i++ {
		if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			out = append(out, jsonName(a.Type().Field(i)))
		}
	}
	return out
}

// normalized returns a copy with sorted lists and nil for empty lists.
func (p Properties) normalized() Properties {
	p.ReadAttributes = sortedCopy(p.ReadAttributes)
	p.WriteAttributes = sortedCopy(p.WriteAttributes)
	p.ExplicitAuthFlows = sortedCopy(p.ExplicitAuthFlows)
	p.SupportedIdentityProviders = sortedCopy(p.SupportedIdentityProviders)
	p.CallbackURLs = sortedCopy(p.CallbackURLs)
	p.LogoutURLs = sortedCopy(p.LogoutURLs)
	p.AllowedOAuthFlows = sortedCopy(p.AllowedOAuthFlows)
	p.AllowedOAuthScopes = sortedCopy(p.AllowedOAuthScopes)
	if p.EnableTokenRevocation == nil {
		p.EnableTokenRevocation = Bool(true)
	}
	// Units are sent whole, a missing one as its default: absent and default compare equal.
	u := p.units()
	p.TokenValidityUnits = &u
	return p
}

func sortedCopy[S ~string](in []S) []S {
	if len(in) == 0 {
		return nil
	}
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}
