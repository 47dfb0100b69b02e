package backoff

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := map[string]struct {
		attempt     int
		base, limit time.Duration
		ceiling     time.Duration
	}{
		"first":            {attempt: 1, base: 200 * time.Millisecond, limit: 2 * time.Second, ceiling: 200 * time.Millisecond},
		"third":            {attempt: 3, base: 200 * time.Millisecond, limit: 2 * time.Second, ceiling: 800 * time.Millisecond},
		"capped":           {attempt: 10, base: 200 * time.Millisecond, limit: 2 * time.Second, ceiling: 2 * time.Second},
		"no overflow":      {attempt: 1000, base: time.Hour, limit: math.MaxInt64, ceiling: math.MaxInt64},
		"zero base":        {attempt: 3, base: 0, limit: time.Second, ceiling: 0},
		"limit below base": {attempt: 1, base: time.Second, limit: time.Millisecond, ceiling: time.Millisecond},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for range 200 {
				d := Delay(tc.attempt, tc.base, tc.limit)
				if d < 0 || d > tc.ceiling || d == tc.ceiling && d != 0 {
					t.Fatalf("Delay = %v, want within [0, %v)", d, tc.ceiling)
				}
			}
		})
	}
}

func TestSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep = %v, want context.Canceled", err)
	}
	if err := Sleep(t.Context(), time.Millisecond); err != nil {
		t.Fatalf("Sleep = %v", err)
	}
}
