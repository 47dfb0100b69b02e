package cognitoapi

import (
	"reflect"
	"slices"
	"testing"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// TestIAMActionsAreTheAdaptersCalls: the policy the templates and the CDK construct grant
// (userpoolclient.IAMActions) is exactly the set of Cognito operations the adapter can call.
func TestIAMActionsAreTheAdaptersCalls(t *testing.T) {
	api := reflect.TypeFor[API]()
	var calls []string
	for i := range api.NumMethod() {
		calls = append(calls, "cognito-idp:"+api.Method(i).Name)
	}
	granted := slices.Sorted(slices.Values(userpoolclient.IAMActions))
	slices.Sort(calls)
	if !slices.Equal(calls, granted) {
		t.Errorf("the adapter calls %v, the policy grants %v", calls, granted)
	}
}
