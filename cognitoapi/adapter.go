package cognitoapi

import (
	"context"
	"log/slog"
	"time"

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
}

// IAMActions are the cognito-idp actions the adapter calls: what the function's policy grants.
var IAMActions = []string{
	"cognito-idp:CreateUserPoolClient",
	"cognito-idp:DeleteUserPoolClient",
	"cognito-idp:DescribeUserPoolClient",
	"cognito-idp:ListUserPoolClients",
	"cognito-idp:UpdateUserPoolClient",
}

// New adapts an SDK client. Give it a client whose own retryer is off
// (aws.NopRetryer): the adapter owns the one retry loop, bounded by the deadline, that knows
// Cognito's errors (the SDK's standard retryer retries the permanent LimitExceeded quota and
// not ConcurrentModification).
//
// A zero policy means DefaultRetryPolicy; a nil log means slog.Default().
func New(api API, log *slog.Logger, policy RetryPolicy) *Adapter {
	if policy.Base == 0 && policy.Max == 0 && policy.ServerErrors == 0 && policy.PropagationWindow == 0 {
		policy = DefaultRetryPolicy
	}
	if log == nil {
		log = slog.Default()
	}
	return &Adapter{api: api, log: log, retry: policy, now: time.Now}
}

// Adapter is the Cognito of the lifecycle (provider.Cognito) over the SDK: each method is one
// Cognito operation run in the retry loop, its errors classified, ErrNotFound wrapped where
// the client or pool is gone.
type Adapter struct {
	api   API
	log   *slog.Logger
	retry RetryPolicy
	now   func() time.Time
}

func (a *Adapter) Create(ctx context.Context, p userpoolclient.Properties, name string) (Client, error) {
	in := p.CreateInput(name)
	started := a.now()
	var c Client
	err := a.call(ctx, "CreateUserPoolClient", func(ctx context.Context) error {
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
	err := a.call(ctx, "UpdateUserPoolClient", func(ctx context.Context) error {
		out, err := a.api.UpdateUserPoolClient(ctx, in)
		if err == nil {
			c = fromSDK(out.UserPoolClient)
		}
		return err
	}, nil)
	return c, err
}

func (a *Adapter) Delete(ctx context.Context, poolID, clientID string) error {
	return a.call(ctx, "DeleteUserPoolClient", func(ctx context.Context) error {
		_, err := a.api.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: &poolID, ClientId: &clientID})
		return err
	}, nil)
}

func (a *Adapter) Describe(ctx context.Context, poolID, clientID string) (Client, error) {
	var c Client
	err := a.call(ctx, "DescribeUserPoolClient", func(ctx context.Context) error {
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
		err := a.call(ctx, "ListUserPoolClients", func(ctx context.Context) error {
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
	}
}
