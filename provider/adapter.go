package provider

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// cognitoAPI is the part of the Cognito SDK client the adapter uses; the Lambda's IAM policy
// grants exactly these actions.
type cognitoAPI interface {
	CreateUserPoolClient(context.Context, *cip.CreateUserPoolClientInput, ...func(*cip.Options)) (*cip.CreateUserPoolClientOutput, error)
	UpdateUserPoolClient(context.Context, *cip.UpdateUserPoolClientInput, ...func(*cip.Options)) (*cip.UpdateUserPoolClientOutput, error)
	DeleteUserPoolClient(context.Context, *cip.DeleteUserPoolClientInput, ...func(*cip.Options)) (*cip.DeleteUserPoolClientOutput, error)
	DescribeUserPoolClient(context.Context, *cip.DescribeUserPoolClientInput, ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error)
	ListUserPoolClients(context.Context, *cip.ListUserPoolClientsInput, ...func(*cip.Options)) (*cip.ListUserPoolClientsOutput, error)
}

// IAMActions are the cognito-idp actions the adapter calls: what the function's policy
// grants. Defined in the model (userpoolclient.IAMActions), so that the CDK construct needs
// no runtime package; TestIAMActionsAreTheAdaptersCalls keeps the two in step.
var IAMActions = userpoolclient.IAMActions

// NewCognito adapts an SDK client. Give it a client whose own retryer is off
// (aws.NopRetryer): the adapter owns the one retry loop, bounded by the deadline, that knows
// Cognito's errors (the SDK's standard retryer retries the permanent LimitExceeded quota and
// not ConcurrentModification).
//
// A zero policy means DefaultRetryPolicy; a nil log means slog.Default().
func NewCognito(api cognitoAPI, log *slog.Logger, policy RetryPolicy) Cognito {
	if policy.Base == 0 && policy.Max == 0 && policy.ServerErrors == 0 && policy.PropagationWindow == 0 {
		policy = DefaultRetryPolicy
	}
	if log == nil {
		log = slog.Default()
	}
	return &adapter{api: api, log: log, retry: policy, now: time.Now}
}

// minAttempt is the least time left after a wait that is worth another attempt: a retry that
// would meet the deadline mid-call fails as "did not finish" instead of naming its cause.
const minAttempt = 100 * time.Millisecond

// attemptReserve is how long before its context's deadline a call stops: a slow attempt cut by
// the deadline then answers "gave up ... (throttled: ...)" before the handler's timer answers
// "timed out" without the cause.
const attemptReserve = 100 * time.Millisecond

type adapter struct {
	api   cognitoAPI
	log   *slog.Logger
	retry RetryPolicy
	now   func() time.Time
}

// call runs fn until it succeeds, fails for good, or the deadline leaves no room for another
// try. reconcile, when set, is asked after an ambiguous failure (5xx, network) whether the
// call took effect anyway; true ends the loop with success.
func (a *adapter) call(ctx context.Context, action string, fn func(context.Context) error, reconcile func(context.Context) (bool, error)) error {
	if deadline, ok := ctx.Deadline(); ok {
		// Stop a little before the caller's deadline, so that an attempt the deadline cuts
		// still reports its cause ahead of the handler's deadline timer, which cannot.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-attemptReserve))
		defer cancel()
	}
	var propagationSince time.Time
	serverErrors := 0
	lastKind, lastCode := kindFatal, ""
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil {
			return nil
		}
		kind, code := classify(err)
		switch kind {
		case kindThrottled, kindConflict:
		case kindServer:
			serverErrors++
			if reconcile != nil {
				if done, rerr := reconcile(ctx); rerr == nil && done {
					a.log.InfoContext(ctx, "call took effect despite its error", "action", action, "error", err)
					return nil
				}
			}
			if serverErrors > a.retry.ServerErrors {
				return fmt.Errorf("cognito-idp:%s failed %d times: %s: %w", action, serverErrors, code, err)
			}
		case kindPropagation:
			if propagationSince.IsZero() {
				propagationSince = a.now()
			}
			if a.now().Sub(propagationSince) > a.retry.PropagationWindow {
				return fmt.Errorf("cognito-idp:%s: %s (still failing after %s): %w", action, code, a.retry.PropagationWindow, err)
			}
		case kindNotFound:
			return fmt.Errorf("cognito-idp:%s: %w: %v", action, ErrNotFound, err)
		case kindQuota:
			return fmt.Errorf("cognito-idp:%s: LimitExceededException: a Cognito quota is reached (at most 1,000 app clients per user pool); not retried: %w", action, err)
		case kindDenied:
			return fmt.Errorf("not authorized to call cognito-idp:%s (%s): %w", action, code, err)
		case kindCanceled:
			if attempt > 1 { // the deadline cut a retry: name what was being retried
				return fmt.Errorf("cognito-idp:%s gave up after %d attempts before the deadline (%s): %w", action, attempt, describeKind(lastKind, lastCode), err)
			}
			return fmt.Errorf("cognito-idp:%s did not finish before the deadline: %w", action, err)
		default:
			return fmt.Errorf("cognito-idp:%s: %w", action, err)
		}
		lastKind, lastCode = kind, code
		wait := a.retry.delay(attempt)
		if deadline, ok := ctx.Deadline(); ok && a.now().Add(wait+minAttempt).After(deadline) {
			return fmt.Errorf("cognito-idp:%s gave up after %d attempts before the deadline (%s): %w", action, attempt, describeKind(kind, code), err)
		}
		a.log.DebugContext(ctx, "retrying cognito call", "action", action, "attempt", attempt, "code", code, "wait", wait)
		if serr := a.retry.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("cognito-idp:%s gave up after %d attempts before the deadline (%s): %w", action, attempt, describeKind(kind, code), err)
		}
	}
}

func describeKind(k errKind, code string) string {
	switch k {
	case kindThrottled:
		return "throttled: " + code
	case kindConflict:
		return "concurrent modification: " + code
	case kindPropagation:
		return "not visible yet: " + code
	}
	return code
}

func (a *adapter) Create(ctx context.Context, p userpoolclient.Properties, name string) (Client, error) {
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
		found, err := a.findCreated(ctx, p.UserPoolId, name, started)
		if err == nil && found.ID != "" {
			c = found
			return true, nil
		}
		return false, err
	})
	return c, err
}

// findCreated looks for a client named name made since started (a minute of clock skew
// allowed). Moto reports no creation dates; a client without one counts as new.
func (a *adapter) findCreated(ctx context.Context, poolID, name string, started time.Time) (Client, error) {
	ids, err := a.FindByName(ctx, poolID, name)
	if err != nil {
		return Client{}, err
	}
	var best Client
	var bestAt time.Time
	for _, id := range ids {
		out, err := a.api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &poolID, ClientId: aws.String(id)})
		if err != nil {
			return Client{}, err
		}
		created := aws.ToTime(out.UserPoolClient.CreationDate)
		if !created.IsZero() && created.Before(started.Add(-time.Minute)) {
			continue
		}
		if best.ID == "" || created.After(bestAt) {
			best, bestAt = fromSDK(out.UserPoolClient), created
		}
	}
	return best, nil
}

func (a *adapter) Update(ctx context.Context, clientID string, p userpoolclient.Properties, name string) (Client, error) {
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

func (a *adapter) Delete(ctx context.Context, poolID, clientID string) error {
	return a.call(ctx, "DeleteUserPoolClient", func(ctx context.Context) error {
		_, err := a.api.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: &poolID, ClientId: &clientID})
		return err
	}, nil)
}

func (a *adapter) Describe(ctx context.Context, poolID, clientID string) (Client, error) {
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

func (a *adapter) FindByName(ctx context.Context, poolID, name string) ([]string, error) {
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
