package cognitoapi

import (
	"context"
	"errors"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// API is the part of the Cognito SDK client the adapter uses; the Lambda's IAM policy
// grants exactly these actions.
type API interface {
	CreateUserPoolClient(context.Context, *cip.CreateUserPoolClientInput, ...func(*cip.Options)) (*cip.CreateUserPoolClientOutput, error)
	UpdateUserPoolClient(context.Context, *cip.UpdateUserPoolClientInput, ...func(*cip.Options)) (*cip.UpdateUserPoolClientOutput, error)
	DeleteUserPoolClient(context.Context, *cip.DeleteUserPoolClientInput, ...func(*cip.Options)) (*cip.DeleteUserPoolClientOutput, error)
	DescribeUserPoolClient(context.Context, *cip.DescribeUserPoolClientInput, ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error)
	ListUserPoolClients(context.Context, *cip.ListUserPoolClientsInput, ...func(*cip.Options)) (*cip.ListUserPoolClientsOutput, error)
	AddUserPoolClientSecret(context.Context, *cip.AddUserPoolClientSecretInput, ...func(*cip.Options)) (*cip.AddUserPoolClientSecretOutput, error)
	ListUserPoolClientSecrets(context.Context, *cip.ListUserPoolClientSecretsInput, ...func(*cip.Options)) (*cip.ListUserPoolClientSecretsOutput, error)
	DeleteUserPoolClientSecret(context.Context, *cip.DeleteUserPoolClientSecretInput, ...func(*cip.Options)) (*cip.DeleteUserPoolClientSecretOutput, error)
}

// IAMActions are the cognito-idp actions the adapter calls: what the function's policy grants.
// The list lives in the model (userpoolclient.IAMActions) so that the CDK construct needs no
// runtime package; TestIAMActionsAreTheAdaptersCalls keeps the two in step.
var IAMActions = userpoolclient.IAMActions

// New adapts an SDK client. Give it a client whose own retryer is off
// (aws.NopRetryer): the adapter owns the one retry loop, bounded by the deadline, that knows
// Cognito's errors (the SDK's standard retryer retries the permanent LimitExceeded quota and
// not ConcurrentModification).
//
// A zero policy means DefaultRetryPolicy; a nil log means slog.Default().
func New(api API, log *slog.Logger, policy RetryPolicy) *Adapter {
	return &Adapter{api: api, Retrier: NewRetrier(log, policy)}
}

// Adapter is the Cognito of the lifecycle (provider.Cognito) over the SDK: each method is one
// Cognito operation run in the retry loop, its errors classified, ErrNotFound wrapped where
// the client or pool is gone. Its Do runs any other AWS call in the same loop.
type Adapter struct {
	api API
	*Retrier
}

func (a *Adapter) Create(ctx context.Context, p userpoolclient.Properties, name string) (Client, error) {
	in := p.CreateInput(name)
	started := a.now()
	var c Client
	err := a.call(ctx, "cognito-idp:CreateUserPoolClient", func(ctx context.Context) error {
		out, err := a.api.CreateUserPoolClient(ctx, in)
		if err == nil {
			c = fromSDK(out.UserPoolClient)
		}
		return err
	}, func(ctx context.Context) (bool, error) {
		// The create may have happened: adopt the client it made rather than make a second.
		made, err := MadeSince(ctx, a, p.UserPoolId, name, started)
		switch {
		case err != nil:
			return false, err
		case len(made) == 1:
			c = made[0]
			return true, nil
		case len(made) > 1:
			return false, &severalMadeError{clients: made}
		}
		return false, nil
	})
	return c, err
}

func (a *Adapter) Update(ctx context.Context, clientID string, p userpoolclient.Properties, name string) (Client, error) {
	in := p.UpdateInput(clientID, name)
	var c Client
	err := a.call(ctx, "cognito-idp:UpdateUserPoolClient", func(ctx context.Context) error {
		out, err := a.api.UpdateUserPoolClient(ctx, in)
		if err == nil {
			c = fromSDK(out.UserPoolClient)
		}
		return err
	}, nil)
	return c, err
}

func (a *Adapter) Delete(ctx context.Context, poolID, clientID string) error {
	return a.call(ctx, "cognito-idp:DeleteUserPoolClient", func(ctx context.Context) error {
		_, err := a.api.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: &poolID, ClientId: &clientID})
		return err
	}, nil)
}

func (a *Adapter) Describe(ctx context.Context, poolID, clientID string) (Client, error) {
	var c Client
	err := a.call(ctx, "cognito-idp:DescribeUserPoolClient", func(ctx context.Context) error {
		out, err := a.api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &poolID, ClientId: &clientID})
		if err == nil {
			c = fromSDK(out.UserPoolClient)
		}
		return err
	}, nil)
	return c, err
}

func (a *Adapter) FindByName(ctx context.Context, poolID, name string) ([]string, error) {
	var ids []string
	var token *string
	for {
		var out *cip.ListUserPoolClientsOutput
		err := a.call(ctx, "cognito-idp:ListUserPoolClients", func(ctx context.Context) error {
			var err error
			out, err = a.api.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &poolID, MaxResults: aws.Int32(60), NextToken: token})
			return err
		}, nil)
		if err != nil {
			return nil, err
		}
		for _, c := range out.UserPoolClients {
			if aws.ToString(c.ClientName) == name {
				ids = append(ids, aws.ToString(c.ClientId))
			}
		}
		if out.NextToken == nil || *out.NextToken == "" {
			return ids, nil
		}
		token = out.NextToken
	}
}

func fromSDK(c *types.UserPoolClientType) Client {
	if c == nil {
		return Client{}
	}
	return Client{
		ID:         aws.ToString(c.ClientId),
		Name:       aws.ToString(c.ClientName),
		UserPoolID: aws.ToString(c.UserPoolId),
		Secret:     Secret(aws.ToString(c.ClientSecret)),
		Created:    aws.ToTime(c.CreationDate),
		Described:  Described(c),
	}
}

// Described is a copy of c that holds no secret: a ClientSecret becomes the placeholder
// HasSecret, so that comparisons can tell a client with a secret and nothing can leak it.
func Described(c *types.UserPoolClientType) *types.UserPoolClientType {
	if c == nil {
		return nil
	}
	d := *c
	if d.ClientSecret != nil {
		d.ClientSecret = aws.String(HasSecret)
	}
	return &d
}

// HasSecret stands in for the secret in Client.Described.
const HasSecret = "REDACTED"

// AddClientSecret makes Cognito generate a new secret for the client (at most two are
// active); the value is returned this once. It is not retried after an ambiguous failure: a
// second Add could make a secret whose value nobody learns.
func (a *Adapter) AddClientSecret(ctx context.Context, poolID, clientID string) (ClientSecret, error) {
	var out *cip.AddUserPoolClientSecretOutput
	err := a.call(ctx, "cognito-idp:AddUserPoolClientSecret", func(ctx context.Context) (err error) {
		out, err = a.api.AddUserPoolClientSecret(ctx, &cip.AddUserPoolClientSecretInput{UserPoolId: &poolID, ClientId: &clientID})
		return err
	}, addOnce)
	if err != nil {
		return ClientSecret{}, err
	}
	d := out.ClientSecretDescriptor
	if d == nil || aws.ToString(d.ClientSecretId) == "" || aws.ToString(d.ClientSecretValue) == "" {
		return ClientSecret{}, errors.New("cognito-idp:AddUserPoolClientSecret answered without the new secret")
	}
	return ClientSecret{ID: *d.ClientSecretId, Created: aws.ToTime(d.ClientSecretCreateDate), Value: Secret(*d.ClientSecretValue)}, nil
}

// addOnce ends the retries of an Add that failed ambiguously: whether it made a secret
// cannot be told without its value, and the rotation that called it answers FAILED (the
// next rotation deletes a secret AWSCURRENT does not name).
func addOnce(context.Context) (bool, error) {
	return false, errAmbiguousAdd
}

var errAmbiguousAdd = errors.New("the call may have added a secret whose value was never returned, so it is not tried again; the next rotation deletes any secret AWSCURRENT does not name")

// ListClientSecrets returns the client's active secrets, without values.
func (a *Adapter) ListClientSecrets(ctx context.Context, poolID, clientID string) ([]ClientSecret, error) {
	var all []ClientSecret
	var next *string
	for {
		var out *cip.ListUserPoolClientSecretsOutput
		err := a.call(ctx, "cognito-idp:ListUserPoolClientSecrets", func(ctx context.Context) (err error) {
			out, err = a.api.ListUserPoolClientSecrets(ctx, &cip.ListUserPoolClientSecretsInput{UserPoolId: &poolID, ClientId: &clientID, NextToken: next})
			return err
		}, nil)
		if err != nil {
			return nil, err
		}
		for _, d := range out.ClientSecrets {
			all = append(all, ClientSecret{ID: aws.ToString(d.ClientSecretId), Created: aws.ToTime(d.ClientSecretCreateDate)})
		}
		if aws.ToString(out.NextToken) == "" {
			return all, nil
		}
		next = out.NextToken
	}
}

// DeleteClientSecret deletes one of the client's secrets (Cognito refuses the last one).
func (a *Adapter) DeleteClientSecret(ctx context.Context, poolID, clientID, secretID string) error {
	return a.call(ctx, "cognito-idp:DeleteUserPoolClientSecret", func(ctx context.Context) error {
		_, err := a.api.DeleteUserPoolClientSecret(ctx, &cip.DeleteUserPoolClientSecretInput{UserPoolId: &poolID, ClientId: &clientID, ClientSecretId: &secretID})
		return err
	}, nil)
}
