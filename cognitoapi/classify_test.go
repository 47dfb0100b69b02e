package cognitoapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"

	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesdk"
)

func TestClassify(t *testing.T) {
	tests := map[string]struct {
		err      error
		kind     errKind
		wantCode string
	}{
		"TooManyRequests":        {err: fakesdk.APIError(fakesdk.OpCreate, "TooManyRequestsException", "slow down", 400), kind: kindThrottled, wantCode: "TooManyRequestsException"},
		"Throttling":             {err: fakesdk.APIError(fakesdk.OpCreate, "ThrottlingException", "rate", 400), kind: kindThrottled},
		"ConcurrentModification": {err: fakesdk.APIError(fakesdk.OpUpdate, "ConcurrentModificationException", "busy", 400), kind: kindConflict},
		"LimitExceeded":          {err: fakesdk.APIError(fakesdk.OpCreate, "LimitExceededException", "limit", 400), kind: kindQuota},
		"ResourceNotFound":       {err: fakesdk.APIError(fakesdk.OpDelete, "ResourceNotFoundException", "gone", 400), kind: kindNotFound},
		"NotAuthorized":          {err: fakesdk.APIError(fakesdk.OpDelete, "NotAuthorizedException", "no", 400), kind: kindDenied},
		"AccessDeniedException":  {err: fakesdk.APIError(fakesdk.OpDelete, "AccessDeniedException", "no", 400), kind: kindDenied},
		"ScopeDoesNotExist":      {err: fakesdk.APIError(fakesdk.OpCreate, "ScopeDoesNotExistException", "Invalid scope requested", 400), kind: kindPropagation},
		"provider does not exist": {err: fakesdk.APIError(fakesdk.OpCreate, "InvalidParameterException", "The provider Okta does not exist", 400),
			kind: kindPropagation},
		"scope not found": {err: fakesdk.APIError(fakesdk.OpUpdate, "InvalidOAuthFlowException", "Scope api/read not found", 400),
			kind: kindPropagation},
		"other InvalidParameter": {err: fakesdk.APIError(fakesdk.OpCreate, "InvalidParameterException", "bad callback", 400), kind: kindFatal, wantCode: "InvalidParameterException"},
		"InternalError 500":      {err: fakesdk.APIError(fakesdk.OpCreate, "InternalErrorException", "oops", 500), kind: kindServer},
		"unknown code with 503":  {err: fakesdk.APIError(fakesdk.OpCreate, "Weird", "oops", 503), kind: kindServer},
		"unknown code with 400":  {err: fakesdk.APIError(fakesdk.OpCreate, "Weird", "oops", 400), kind: kindFatal},
		"bare 502": {err: &smithy.OperationError{OperationName: fakesdk.OpCreate, Err: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 502}}, Err: errors.New("bad gateway")}},
			kind: kindServer, wantCode: "HTTP 502"},
		"network":         {err: fakesdk.NetworkError(fakesdk.OpCreate), kind: kindServer},
		"closed":          {err: fmt.Errorf("send: %w", net.ErrClosed), kind: kindServer},
		"transport (EOF)": {err: &smithy.OperationError{OperationName: fakesdk.OpCreate, Err: io.EOF}, kind: kindServer},
		"deadline": {err: &smithy.OperationError{OperationName: fakesdk.OpCreate, Err: &smithy.CanceledError{Err: context.DeadlineExceeded}},
			kind: kindCanceled},
		"canceled": {err: fmt.Errorf("x: %w", context.Canceled), kind: kindCanceled},
		"plain":    {err: errors.New("boom"), kind: kindFatal},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			kind, code := classify(tt.err)
			assert.Equal(t, tt.kind, kind)
			if tt.wantCode != "" {
				assert.Equal(t, tt.wantCode, code)
			}
			assert.NotEmpty(t, code)
		})
	}
}
