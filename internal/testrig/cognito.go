package testrig

import (
	"context"
	"regexp"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

var unsafeRun = regexp.MustCompile(`[^\w-]+`)

// SafeName is s, a test's name, with every run of characters other than letters, digits, _
// and - replaced by one -, so that it can be part of a user pool's or a stack's name.
func SafeName(s string) string { return unsafeRun.ReplaceAllString(s, "-") }

// StackID is the StackId of a test's stack, named prefix followed by the test's name.
func StackID(t testing.TB, prefix string) string {
	return "arn:aws:cloudformation:us-east-1:123456789012:stack/" + prefix + SafeName(t.Name()) + "/0b1e2c3d"
}

// NewPool creates a fresh user pool in m for one test, named prefix followed by the test's
// name, and returns its ID.
func NewPool(t testing.TB, m *localrun.Moto, prefix string) string {
	t.Helper()
	id, err := m.CreateUserPool(context.Background(), prefix+SafeName(t.Name()))
	require.NoError(t, err)
	return id
}

// ClientIDs lists the IDs of the clients in pool, every page of them, sorted.
func ClientIDs(t testing.TB, api *cip.Client, pool string) []string {
	t.Helper()
	var ids []string
	var token *string
	for {
		out, err := api.ListUserPoolClients(context.Background(),
			&cip.ListUserPoolClientsInput{UserPoolId: aws.String(pool), MaxResults: aws.Int32(60), NextToken: token})
		require.NoError(t, err)
		for _, c := range out.UserPoolClients {
			ids = append(ids, aws.ToString(c.ClientId))
		}
		if aws.ToString(out.NextToken) == "" {
			break
		}
		token = out.NextToken
	}
	slices.Sort(ids)
	return ids
}
