package localcognito_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// blank removes what differs between two runs by nature: IDs and dates.
func blank(c *types.UserPoolClientType) types.UserPoolClientType {
	b := *c
	b.ClientId, b.UserPoolId, b.CreationDate, b.LastModifiedDate = nil, nil, nil, nil
	return b
}

// The contract: for what moto already does as Cognito documents, the layer changes nothing.
// The same calls go to moto alone and through the layer, and the answers agree.
func TestLayerChangesNothingMotoDoesRight(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	type side struct {
		name string
		idp  *cip.Client
		pool string
	}
	sides := []*side{{name: "moto", idp: r.moto}, {name: "layer", idp: r.idp}}
	for _, s := range sides {
		out, err := s.idp.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("contract")})
		require.NoError(t, err)
		s.pool = aws.ToString(out.UserPool.Id)
	}
	full := func(pool string) *cip.CreateUserPoolClientInput {
		return &cip.CreateUserPoolClientInput{
			UserPoolId:                      aws.String(pool),
			ClientName:                      aws.String("web"),
			CallbackURLs:                    []string{"https://example.com/cb", "myapp://"},
			LogoutURLs:                      []string{"https://example.com/out"},
			DefaultRedirectURI:              aws.String("https://example.com/cb"),
			AllowedOAuthFlows:               []types.OAuthFlowType{types.OAuthFlowTypeCode},
			AllowedOAuthScopes:              []string{"openid", "email"},
			AllowedOAuthFlowsUserPoolClient: true,
			SupportedIdentityProviders:      []string{"COGNITO"},
			ExplicitAuthFlows:               []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth, types.ExplicitAuthFlowsTypeAllowUserSrpAuth},
			RefreshTokenValidity:            30,
			AccessTokenValidity:             aws.Int32(60),
			IdTokenValidity:                 aws.Int32(60),
			TokenValidityUnits:              &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeMinutes, IdToken: types.TimeUnitsTypeMinutes, RefreshToken: types.TimeUnitsTypeDays},
			ReadAttributes:                  []string{"email"},
			WriteAttributes:                 []string{"email"},
			PreventUserExistenceErrors:      types.PreventUserExistenceErrorTypesEnabled,
			EnableTokenRevocation:           aws.Bool(true),
			AuthSessionValidity:             aws.Int32(5),
		}
	}
	var created, described, updated []types.UserPoolClientType
	var names [][]string
	for _, s := range sides {
		out, err := s.idp.CreateUserPoolClient(ctx, full(s.pool))
		require.NoError(t, err, s.name)
		id := out.UserPoolClient.ClientId
		created = append(created, blank(out.UserPoolClient))

		d, err := s.idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: id})
		require.NoError(t, err, s.name)
		described = append(described, blank(d.UserPoolClient))

		// An update that states every field: moto's merge and Cognito's reset agree on it.
		in := full(s.pool)
		u, err := s.idp.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
			UserPoolId: in.UserPoolId, ClientId: id, ClientName: aws.String("renamed"),
			CallbackURLs: in.CallbackURLs, LogoutURLs: in.LogoutURLs, DefaultRedirectURI: in.DefaultRedirectURI,
			AllowedOAuthFlows: in.AllowedOAuthFlows, AllowedOAuthScopes: []string{"openid"},
			AllowedOAuthFlowsUserPoolClient: true, SupportedIdentityProviders: in.SupportedIdentityProviders,
			ExplicitAuthFlows: in.ExplicitAuthFlows, RefreshTokenValidity: 10, AccessTokenValidity: aws.Int32(2),
			IdTokenValidity: aws.Int32(3), TokenValidityUnits: &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeHours, IdToken: types.TimeUnitsTypeHours, RefreshToken: types.TimeUnitsTypeDays},
			ReadAttributes: in.ReadAttributes, WriteAttributes: in.WriteAttributes,
			PreventUserExistenceErrors: types.PreventUserExistenceErrorTypesLegacy, EnableTokenRevocation: aws.Bool(false),
			EnablePropagateAdditionalUserContextData: aws.Bool(false), AuthSessionValidity: aws.Int32(15),
			RefreshTokenRotation: &types.RefreshTokenRotationType{Feature: types.FeatureTypeDisabled, RetryGracePeriodSeconds: aws.Int32(0)},
		})
		require.NoError(t, err, s.name)
		updated = append(updated, blank(u.UserPoolClient))

		l, err := s.idp.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: aws.String(s.pool), MaxResults: aws.Int32(60)})
		require.NoError(t, err, s.name)
		var n []string
		for _, c := range l.UserPoolClients {
			n = append(n, aws.ToString(c.ClientName))
		}
		names = append(names, n)

		_, err = s.idp.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: id})
		require.NoError(t, err, s.name)
		_, err = s.idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: id})
		assert.Equal(t, "ResourceNotFoundException", apiCode(t, err), s.name)
		_, err = s.idp.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: id})
		assert.Equal(t, "ResourceNotFoundException", apiCode(t, err), s.name)
		_, err = s.idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String("us-east-1_nosuchpool"), ClientName: aws.String("x")})
		assert.Equal(t, "ResourceNotFoundException", apiCode(t, err), s.name)
	}
	assert.Equal(t, created[0], created[1], "CreateUserPoolClient")
	assert.Equal(t, described[0], described[1], "DescribeUserPoolClient")
	assert.Equal(t, updated[0], updated[1], "UpdateUserPoolClient stating every field")
	assert.Equal(t, names[0], names[1], "ListUserPoolClients")

	// Secrets Manager: ordinary Puts and their labels, as moto keeps them.
	var labels []map[string][]string
	var values []string
	for _, endpoint := range []string{moto.BackendURL(), r.layer.URL()} {
		name := secretName("contract-" + strings.ToLower(strings.NewReplacer(":", "", "/", "").Replace(endpoint)))
		status, code := rawCall(t, endpoint, sm+"CreateSecret", map[string]any{"Name": name}, nil)
		require.Equal(t, 200, status, code)
		put(t, endpoint, name, tok(1), "one")
		put(t, endpoint, name, tok(2), "two")
		put(t, endpoint, name, tok(2), "two") // idempotent
		status, code = rawCall(t, endpoint, sm+"PutSecretValue", map[string]any{"SecretId": name, "ClientRequestToken": tok(3), "SecretString": "pending", "VersionStages": []string{"AWSPENDING"}}, nil)
		require.Equal(t, 200, status, code)
		labels = append(labels, stages(t, endpoint, name))
		values = append(values, current(t, endpoint, name))
		status, code = rawCall(t, endpoint, sm+"PutSecretValue", map[string]any{"SecretId": "no-such-secret", "SecretString": "x"}, nil)
		assert.NotEqual(t, 200, status)
		assert.Equal(t, "ResourceNotFoundException", code)
	}
	assert.Equal(t, labels[0], labels[1], "staging labels")
	assert.Equal(t, map[string][]string{tok(2): {"AWSCURRENT"}, tok(1): {"AWSPREVIOUS"}, tok(3): {"AWSPENDING"}}, labels[1])
	assert.Equal(t, values[0], values[1])
}
