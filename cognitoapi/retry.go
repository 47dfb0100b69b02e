package cognitoapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/cognito-cfn/userpoolclient/internal/backoff"
)

// RetryPolicy bounds how Cognito calls are retried. Every retry also ends at the context's
// deadline: the handler reserves time after it for the response.
type RetryPolicy struct {
	// Base and Max shape the full-jitter exponential backoff (internal/backoff): the n-th
	// retry waits up to min(Max, Base*2^(n-1)).
	Base, Max time.Duration
	// ServerErrors is how many 5xx or network failures one call may absorb.
	ServerErrors int
	// PropagationWindow is how long "scope/provider does not exist" is retried: an identity
	// provider or resource server created in the same stack can take a moment to be visible.
	PropagationWindow time.Duration
	// Sleep waits for d or until ctx ends; nil means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// DefaultRetryPolicy is what New uses when given the zero policy.
var DefaultRetryPolicy = RetryPolicy{
	Base:              200 * time.Millisecond,
	Max:               2 * time.Second,
	ServerErrors:      4,
	PropagationWindow: 30 * time.Second,
}

func (r RetryPolicy) delay(attempt int) time.Duration {
	base := r.Base
	if base <= 0 {
		base = r.Max
	}
	ceiling := backoff.Ceiling(attempt, base, r.Max)
	if ceiling <= 0 {
		return time.Millisecond
	}
	return min(backoff.Delay(attempt, base, r.Max)+time.Millisecond, ceiling)
}

func (r RetryPolicy) sleep(ctx context.Context, d time.Duration) error {
	if r.Sleep != nil {
		return r.Sleep(ctx, d)
	}
	return backoff.Sleep(ctx, d)
}

// minAttempt is the least time left after a wait that is worth another attempt: a retry that
// would meet the deadline mid-call fails as "did not finish" instead of naming its cause.
const minAttempt = 100 * time.Millisecond

// attemptReserve is how long before its context's deadline a call stops: a slow attempt cut by
// the deadline then answers "gave up ... (throttled: ...)" before the handler's timer answers
// "timed out" without the cause.
const attemptReserve = 100 * time.Millisecond

// Retrier is the one retry loop of every AWS call the function makes: Cognito's through
// [Adapter], and Secrets Manager's through package secretstore's adapter (its Retry hook is
// [Retrier.Do]). It classifies errors once (classify.go) and ends every retry at the deadline.
type Retrier struct {
	log   *slog.Logger
	retry RetryPolicy
	now   func() time.Time
}

// NewRetrier returns the retry loop with a policy (zero: DefaultRetryPolicy) and a log (nil:
// slog.Default()).
func NewRetrier(log *slog.Logger, policy RetryPolicy) *Retrier {
	if policy.Base == 0 && policy.Max == 0 && policy.ServerErrors == 0 && policy.PropagationWindow == 0 {
		policy = DefaultRetryPolicy
	}
	if log == nil {
		log = slog.Default()
	}
	return &Retrier{log: log, retry: policy, now: time.Now}
}

// Do runs fn in the retry loop. action names the call in errors and logs, as IAM names it
// ("secretsmanager:PutSecretValue"): throttling is retried until the deadline, 5xx and network
// failures a bounded number of times; not found, access denied and quotas are final.
func (a *Retrier) Do(ctx context.Context, action string, fn func(context.Context) error) error {
	return a.call(ctx, action, fn, nil)
}

// call runs fn until it succeeds, fails for good, or the deadline leaves no room for another
// try. action is the IAM action ("cognito-idp:CreateUserPoolClient"). reconcile, when set, is
// asked after an ambiguous failure (5xx, network) whether the call took effect anyway; true
// ends the loop with success, a *severalMadeError or errAmbiguousAdd with failure.
func (a *Retrier) call(ctx context.Context, action string, fn func(context.Context) error, reconcile func(context.Context) (bool, error)) error {
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
				done, rerr := reconcile(ctx)
				if rerr == nil && done {
					a.log.InfoContext(ctx, "call took effect despite its error", "action", action, "error", err)
					return nil
				}
				var several *severalMadeError
				if errors.As(rerr, &several) || errors.Is(rerr, errAmbiguousAdd) {
					return fmt.Errorf("%s failed (%s) and may have taken effect: %w", action, code, rerr)
				}
			}
			if serverErrors > a.retry.ServerErrors {
				return fmt.Errorf("%s failed %d times: %s: %w", action, serverErrors, code, err)
			}
		case kindPropagation:
			if propagationSince.IsZero() {
				propagationSince = a.now()
			}
			if a.now().Sub(propagationSince) > a.retry.PropagationWindow {
				return fmt.Errorf("%s: %s (still failing after %s): %w", action, code, a.retry.PropagationWindow, err)
			}
		case kindNotFound:
			return fmt.Errorf("%s: %w: %v", action, ErrNotFound, err)
		case kindQuota:
			return fmt.Errorf("%s: LimitExceededException: %s; not retried: %w", action, quota(action), err)
		case kindDenied:
			return fmt.Errorf("not authorized to call %s (%s): %w", action, code, err)
		case kindCanceled:
			if attempt > 1 { // the deadline cut a retry: name what was being retried
				return fmt.Errorf("%s gave up after %d attempts before the deadline (%s): %w", action, attempt, describeKind(lastKind, lastCode), err)
			}
			return fmt.Errorf("%s did not finish before the deadline: %w", action, err)
		default:
			return fmt.Errorf("%s: %w", action, err)
		}
		lastKind, lastCode = kind, code
		wait := a.retry.delay(attempt)
		if deadline, ok := ctx.Deadline(); ok && a.now().Add(wait+minAttempt).After(deadline) {
			return fmt.Errorf("%s gave up after %d attempts before the deadline (%s): %w", action, attempt, describeKind(kind, code), err)
		}
		a.log.DebugContext(ctx, "retrying cognito call", "action", action, "attempt", attempt, "code", code, "wait", wait)
		if serr := a.retry.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%s gave up after %d attempts before the deadline (%s): %w", action, attempt, describeKind(kind, code), err)
		}
	}
}

// quota names the Cognito quota a LimitExceededException of action meets.
func quota(action string) string {
	switch {
	case action == "cognito-idp:AddUserPoolClientSecret":
		return "a Cognito quota is reached (at most two secrets per app client)"
	case strings.HasPrefix(action, "cognito-idp:"):
		return "a Cognito quota is reached (at most 1,000 app clients per user pool)"
	}
	return "a quota is reached"
}
