package cognitoapi

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesdk"
)

func TestDelayBounded(t *testing.T) {
	tests := map[string]struct {
		policy   RetryPolicy
		jittered bool
	}{
		"default":        {policy: DefaultRetryPolicy, jittered: true},
		"tiny":           {policy: RetryPolicy{Base: time.Millisecond, Max: 8 * time.Millisecond}, jittered: true},
		"Base above Max": {policy: RetryPolicy{Base: time.Second, Max: 50 * time.Millisecond}, jittered: true},
		"huge Base":      {policy: RetryPolicy{Base: time.Duration(1) << 60, Max: time.Second}, jittered: true},
		"no Base":        {policy: RetryPolicy{Max: 20 * time.Millisecond}, jittered: true},
		// The 1ms floor leaves a sub-millisecond Max little room to jitter, but Max still bounds.
		"Max below 1ms": {policy: RetryPolicy{Base: 100 * time.Microsecond, Max: 500 * time.Microsecond}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p := tt.policy
			seen := map[time.Duration]bool{}
			for attempt := 1; attempt <= 64; attempt++ {
				for range 50 {
					d := p.delay(attempt)
					require.Greater(t, d, time.Duration(0), "attempt %d", attempt)
					require.LessOrEqual(t, d, p.Max, "attempt %d: Max bounds every delay", attempt)
					seen[d] = true
				}
			}
			if tt.jittered {
				assert.Greater(t, len(seen), 10, "jittered")
			}
		})
	}
}

func TestDelayGrows(t *testing.T) {
	p := RetryPolicy{Base: time.Millisecond, Max: time.Second}
	longest := func(attempt int) time.Duration {
		var m time.Duration
		for range 500 {
			m = max(m, p.delay(attempt))
		}
		return m
	}
	first, tenth := longest(1), longest(10)
	assert.LessOrEqual(t, first, 4*time.Millisecond, "the first retry comes soon")
	assert.Greater(t, tenth, 100*time.Millisecond, "later retries back off")
}

func TestZeroPolicyDoesNotPanic(t *testing.T) {
	var p RetryPolicy
	require.NotPanics(t, func() { p.delay(1) })

	// An adapter with the zero policy retries a throttle once more and then succeeds.
	f := fakesdk.New()
	f.Fail = func(op string, n int) error {
		if n == 1 {
			return fakesdk.APIError(op, "TooManyRequestsException", "slow down", 400)
		}
		return nil
	}
	log, _ := fixture.NewLogger()
	a := New(f, log, RetryPolicy{})
	require.NotPanics(t, func() {
		_, err := a.Describe(testCtx(t), fixture.Pool, *f.Seed(fixture.Pool, "x", time.Now()).ClientId)
		assert.NoError(t, err)
	})
	assert.Equal(t, 2, f.Count(fakesdk.OpDescribe))
}

func TestJitteredDelaysRecorded(t *testing.T) {
	f := fakesdk.New()
	f.Fail = func(op string, n int) error {
		if n <= 40 {
			return fakesdk.APIError(op, "TooManyRequestsException", "slow down", 400)
		}
		return nil
	}
	a, s, _ := newTestAdapter(t, f)
	require.NoError(t, a.Delete(testCtx(t), fixture.Pool, *f.Seed(fixture.Pool, "x", time.Now()).ClientId))
	delays := s.recorded()
	require.Len(t, delays, 40)
	distinct := map[time.Duration]bool{}
	for _, d := range delays {
		assert.Greater(t, d, time.Duration(0))
		assert.LessOrEqual(t, d, a.retry.Max)
		distinct[d] = true
	}
	assert.Greater(t, len(distinct), 5, "the delays vary")
}

func TestSleepHonoursContext(t *testing.T) {
	var p RetryPolicy // no Sleep: a real timer
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	assert.ErrorIs(t, p.sleep(ctx, time.Minute), context.Canceled)
	assert.Less(t, time.Since(start), time.Second)

	assert.NoError(t, p.sleep(context.Background(), time.Millisecond))
}

func TestRetryStopsWhenTheWaitPassesTheDeadline(t *testing.T) {
	f := fakesdk.New()
	f.Fail = func(op string, _ int) error {
		return fakesdk.APIError(op, "ConcurrentModificationException", "busy", 400)
	}
	s := &sleeper{}
	log, _ := fixture.NewLogger()
	a := New(f, log, RetryPolicy{Base: time.Second, Max: time.Second, Sleep: s.sleep})
	ctx, cancel := context.WithTimeout(context.Background(), 900*time.Millisecond)
	defer cancel()
	// With a 1s first wait about as likely as not past the deadline, run until it is.
	err := a.Delete(ctx, fixture.Pool, "abc")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gave up")
	assert.Contains(t, err.Error(), "concurrent modification")
	assert.NoError(t, ctx.Err(), "gave up without waiting for the deadline")
}
