package cfnresponse

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestRefused(t *testing.T) {
	tests := map[string]struct {
		err  error
		want bool
	}{
		"nil":                 {nil, false},
		"403":                 {fmt.Errorf("send: %w", &statusError{code: 403}), true},
		"404":                 {&scrubbedError{msg: "x", err: &statusError{code: 404}}, true},
		"429 is throttling":   {&statusError{code: 429}, false},
		"500 may have landed": {&statusError{code: 500}, false},
		"network error":       {errors.New("connection reset"), false},
		"deadline":            {context.DeadlineExceeded, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Refused(tc.err); got != tc.want {
				t.Fatalf("Refused(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
