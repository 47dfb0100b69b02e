package userpoolclient

import (
	"fmt"
	"slices"
)

// The integer limits of the resource, written once: the validator checks them, the cfn-lint
// rules and the docs read them through Ranges. The sources are in docs/rules.md.

// validity is the range of a token validity, in seconds whatever its unit. Cognito documents
// refresh tokens from 60 minutes to 3,650 days, access and ID tokens from 5 minutes to 1 day:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
type validity struct {
	path                   string
	minSeconds, maxSeconds int
	span                   string
}

var validities = []validity{
	{"RefreshTokenValidity", 3600, 3650 * 86400, "60 minutes to 3650 days"},
	{"AccessTokenValidity", 300, 86400, "5 minutes to 1 day"},
	{"IdTokenValidity", 300, 86400, "5 minutes to 1 day"},
}

// fixed are the integer limits that do not depend on another property.
var fixed = []Range{
	{Property: "AuthSessionValidity", Min: 3, Max: 15, Unit: "minutes"},
	{Property: "RefreshTokenRotation.RetryGracePeriodSeconds", Min: 0, Max: 60, Unit: "seconds"},
}

func validityLimit(path string) (validity, bool) {
	i := slices.IndexFunc(validities, func(v validity) bool { return v.path == path })
	if i < 0 {
		return validity{}, false
	}
	return validities[i], true
}

func fixedLimit(path string) (Range, bool) {
	i := slices.IndexFunc(fixed, func(r Range) bool { return r.Property == path })
	if i < 0 {
		return Range{}, false
	}
	return fixed[i], true
}

// Range is an integer limit that holds whatever the other properties say.
type Range struct {
	Property string
	Min, Max int // Max 0: no upper limit that holds in every unit
	Unit     string
	// Span is the whole range in words, for a limit that depends on a unit
	// ("60 minutes to 3650 days"); empty otherwise.
	Span string
}

// String is the range as the docs print it: "3–15 minutes" or the span.
func (r Range) String() string {
	if r.Span != "" {
		return r.Span
	}
	return fmt.Sprintf("%d–%d %s", r.Min, r.Max, r.Unit)
}

// Ranges returns every integer property's unconditional limits. A token validity's real range
// depends on TokenValidityUnits (a cross-property rule the validator checks); what holds in
// any unit is its floor, the smallest whole number of the coarsest unit that reaches the
// minimum (1).
func Ranges() []Range {
	out := make([]Range, 0, len(validities)+len(fixed))
	for _, v := range validities {
		floor := v.minSeconds
		for _, size := range unitSeconds {
			floor = min(floor, (v.minSeconds+size-1)/size)
		}
		out = append(out, Range{Property: v.path, Min: floor, Unit: "in any unit", Span: v.span})
	}
	return append(out, fixed...)
}
