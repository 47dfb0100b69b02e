package userpoolclient

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// enums are the enumerated properties, by property path, each read from the AWS SDK's own enum
// type, so that an SDK upgrade brings Cognito's new values with it and nothing here changes.
// The named constants above (AllowUserSRPAuth and the like) are spellings for Go callers;
// tests check that each is one of the SDK's values.
var enums = map[string]func() []string{
	"ExplicitAuthFlows":               sdkValues(types.ExplicitAuthFlowsType("").Values),
	"AllowedOAuthFlows":               sdkValues(types.OAuthFlowType("").Values),
	"TokenValidityUnits.AccessToken":  sdkValues(types.TimeUnitsType("").Values),
	"TokenValidityUnits.IdToken":      sdkValues(types.TimeUnitsType("").Values),
	"TokenValidityUnits.RefreshToken": sdkValues(types.TimeUnitsType("").Values),
	"PreventUserExistenceErrors":      sdkValues(types.PreventUserExistenceErrorTypes("").Values),
	"RefreshTokenRotation.Feature":    sdkValues(types.FeatureType("").Values),
}

func sdkValues[T ~string](values func() []T) func() []string {
	return func() []string { return strs(values()...) }
}

// Enum returns the allowed values of the enumerated property at path (a dotted path; list
// indexes such as ExplicitAuthFlows[2] are ignored), in the SDK's order. ok is false for a
// property that is not enumerated. The slice is the caller's own.
func Enum(path string) (values []string, ok bool) {
	f, ok := enums[enumKey(path)]
	if !ok {
		return nil, false
	}
	return f(), true
}

// EnumPaths returns the paths of every enumerated property, sorted.
func EnumPaths() []string {
	out := make([]string, 0, len(enums))
	for p := range enums {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// isLegacyAuthFlow reports whether an ExplicitAuthFlows value is one of the legacy values
// (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH), which Cognito does not let
// mix with the ALLOW_ values: every current value starts with ALLOW_.
func isLegacyAuthFlow(v string) bool { return !strings.HasPrefix(v, "ALLOW_") }

// enumKey strips list indexes: ExplicitAuthFlows[2] → ExplicitAuthFlows.
func enumKey(path string) string {
	if i := strings.IndexByte(path, '['); i >= 0 {
		return path[:i]
	}
	return path
}

func strs[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
