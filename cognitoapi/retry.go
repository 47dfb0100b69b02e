package cognitoapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"time"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

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

type errKind int

const (
	kindFatal errKind = iota
	kindThrottled
	kindConflict
	kindServer // 5xx or network: the call may or may not have taken effect
	kindPropagation
	kindNotFound
	kindQuota
	kindDenied
	kindCanceled
)

var propagationMessage = regexp.MustCompile(`(?i)(provider|scope).*(does not exist|not found)`)

func classify(err error) (errKind, string) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return kindCanceled, "deadline"
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		code := api.ErrorCode()
		switch code {
		case "TooManyRequestsException", "ThrottlingException":
			return kindThrottled, code
		case "ConcurrentModificationException":
			return kindConflict, code
		case "LimitExceededException":
			return kindQuota, code
		case "ResourceNotFoundException":
			return kindNotFound, code
		case "NotAuthorizedException", "AccessDeniedException", "AccessDenied", "UnauthorizedException":
			return kindDenied, code
		case "ScopeDoesNotExistException":
			return kindPropagation, code
		case "InternalErrorException", "InternalFailure", "ServiceUnavailable":
			return kindServer, code
		case "InvalidParameterException", "InvalidOAuthFlowException":
			if propagationMessage.MatchString(api.ErrorMessage()) {
				return kindPropagation, code
			}
		}
		var re *smithyhttp.ResponseError
		if errors.As(err, &re) && re.HTTPStatusCode() >= 500 {
			return kindServer, code
		}
		return kindFatal, code
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() >= 500 {
		return kindServer, fmt.Sprintf("HTTP %d", re.HTTPStatusCode())
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, net.ErrClosed) {
		return kindServer, "network error"
	}
	// An error below the API layer (connection reset, EOF, TLS) is a transport failure.
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		return kindServer, "transport error"
	}
	return kindFatal, "error"
}

// delay is the wait before the retry that follows the given failed attempt: the shared
// backoff over Base and Max (Max alone when Base is unset), at least a millisecond and never
// above the backoff's ceiling. The zero RetryPolicy waits a millisecond.
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
