package cognitoapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// errKind is what an error from Cognito means for the retry loop.
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

// describeKind names a retried kind of failure for an error message.
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
