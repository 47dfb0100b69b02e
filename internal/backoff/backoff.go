// Package backoff is the one retry delay of the function: exponential backoff with full
// jitter, as described in
// https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/ . Both retry
// loops use it: the Cognito calls (cognitoapi) and the PUT of the answer (cfnresponse).
package backoff

import (
	"context"
	"math/rand/v2"
	"time"
)

// Ceiling is the bound of the delay before the retry that follows the given failed attempt
// (1-based): min(limit, base*2^(attempt-1)), computed without overflow. It is 0 when base or
// limit is not positive.
func Ceiling(attempt int, base, limit time.Duration) time.Duration {
	ceiling := min(base, limit)
	for i := 1; i < attempt && ceiling < limit; i++ {
		if ceiling > limit/2 {
			ceiling = limit // doubling would pass the limit, or overflow
		} else {
			ceiling *= 2
		}
	}
	return max(ceiling, 0)
}

// Delay is the wait before the retry that follows the given failed attempt (1-based): a
// uniformly random duration in [0, Ceiling(attempt, base, limit)), or 0 when the ceiling is.
func Delay(attempt int, base, limit time.Duration) time.Duration {
	ceiling := Ceiling(attempt, base, limit)
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling)
}

// Sleep waits for d or until ctx is done, whichever comes first, and returns ctx's error
// when ctx ended the wait.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
