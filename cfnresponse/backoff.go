package cfnresponse

import (
	"context"
	"math/rand/v2"
	"time"
)

// backoff returns the delay before the retry that follows the given failed
// attempt (1-based): a uniformly random duration in
// [0, min(limit, base*2^(attempt-1))) ("full jitter").
func backoff(attempt int, base, limit time.Duration) time.Duration {
	ceiling := min(base, limit)
	for i := 1; i < attempt && ceiling < limit; i++ {
		if ceiling > limit/2 {
			ceiling = limit // doubling would pass the limit, or overflow
		} else {
			ceiling *= 2
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling)
}

// sleep waits for d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
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
