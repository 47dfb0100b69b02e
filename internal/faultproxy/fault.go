package faultproxy

import (
	"fmt"
	"net/http"
	"time"
)

// Fault is an error the proxy answers instead of (or after) the backend.
type Fault string

// The faults of the Cognito user pools API a user pool client's lifecycle meets.
const (
	// Throttle is TooManyRequestsException (HTTP 400): a request rate quota is exceeded.
	Throttle Fault = "TooManyRequestsException"
	// ConcurrentModification is ConcurrentModificationException (HTTP 400).
	ConcurrentModification Fault = "ConcurrentModificationException"
	// InternalError is InternalErrorException (HTTP 500).
	InternalError Fault = "InternalErrorException"
	// LimitExceeded is LimitExceededException (HTTP 400): a resource quota, such as the
	// 1,000 app clients of a user pool, is reached.
	LimitExceeded Fault = "LimitExceededException"
	// ScopeDoesNotExist is ScopeDoesNotExistException (HTTP 400): a custom scope of a resource
	// server that does not exist (yet).
	ScopeDoesNotExist Fault = "ScopeDoesNotExistException"
	// ProviderDoesNotExist is the InvalidParameterException Cognito answers when a
	// SupportedIdentityProviders entry names no identity provider of the pool (yet):
	// "The provider X does not exist for User Pool Y."
	ProviderDoesNotExist Fault = "ProviderDoesNotExist"
	// NotAuthorized is NotAuthorizedException (HTTP 400).
	NotAuthorized Fault = "NotAuthorizedException"
	// AccessDenied is AccessDeniedException (HTTP 400): IAM denies the action.
	AccessDenied Fault = "AccessDeniedException"
	// InvalidParameter is InvalidParameterException (HTTP 400).
	InvalidParameter Fault = "InvalidParameterException"
	// InvalidOAuthFlow is InvalidOAuthFlowException (HTTP 400).
	InvalidOAuthFlow Fault = "InvalidOAuthFlowException"
	// ResourceNotFound is ResourceNotFoundException (HTTP 400).
	ResourceNotFound Fault = "ResourceNotFoundException"
	// Throttling is Secrets Manager's throttling (HTTP 400 ThrottlingException, "Rate
	// exceeded"); Cognito's is Throttle.
	Throttling Fault = "ThrottlingException"
)

// Code is the error code the service sends for f (the x-amzn-ErrorType and __type).
func (f Fault) Code() string {
	if f == ProviderDoesNotExist {
		return string(InvalidParameter)
	}
	return string(f)
}

// Status is the HTTP status the service answers f with.
func (f Fault) Status() int {
	if f == InternalError {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// Message is Cognito's message for f in pool (which may be empty).
func (f Fault) Message(pool string) string {
	switch f {
	case Throttle:
		return "Too many requests"
	case Throttling:
		return "Rate exceeded"
	case ConcurrentModification:
		return "Concurrent modification of the user pool client is not allowed"
	case InternalError:
		return "Internal server error"
	case LimitExceeded:
		return "The user pool has reached its limit of 1000 app clients"
	case ScopeDoesNotExist:
		return "Invalid scope requested: api/read"
	case ProviderDoesNotExist:
		return fmt.Sprintf("The provider Salesforce does not exist for User Pool %s.", pool)
	case NotAuthorized:
		return "User is not authorized to perform this action"
	case AccessDenied:
		return "User: arn:aws:sts::123456789012:assumed-role/fn/fn is not authorized to perform this action with an explicit deny"
	case InvalidParameter:
		return "1 validation error detected: Value at 'callbackURLs' failed to satisfy constraint"
	case InvalidOAuthFlow:
		return "client_credentials flow can not be selected if client does not have a client secret."
	case ResourceNotFound:
		return "User pool client does not exist."
	}
	return string(f)
}

// Rule says how the proxy treats the requests it matches. A request is handled by the first
// rule that matches it and still has Times left; requests no rule matches are forwarded.
type Rule struct {
	// Op is the operation (CreateUserPoolClient); empty matches every operation.
	Op string
	// Pool is the UserPoolId of the request body; empty matches every pool.
	Pool string
	// Times is how many matching requests the rule handles: -1 is every one, 0 is one.
	Times int
	// Fault is the error answered. Empty means none: the request is forwarded (after
	// Latency) unless Hang or Reset says otherwise.
	Fault Fault
	// Message replaces the fault's default message.
	Message string
	// Latency is waited before anything else (ended early when the client leaves).
	Latency time.Duration
	// Hang never answers: the request ends when the client gives up or the proxy closes.
	Hang bool
	// AfterForward forwards the request to the backend first and drops its answer, then
	// answers Fault, resets (Reset) or hangs (Hang): the call took effect, its caller cannot
	// know.
	AfterForward bool
	// Reset drops the connection with a TCP RST instead of answering.
	Reset bool
}

func (r Rule) matches(op, pool string) bool {
	return (r.Op == "" || r.Op == op) && (r.Pool == "" || r.Pool == pool)
}

// forwards reports whether the rule lets the request reach the backend.
func (r Rule) forwards() bool {
	return r.AfterForward || (r.Fault == "" && !r.Hang && !r.Reset)
}
