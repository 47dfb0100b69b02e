package faultproxy

import (
	"sync"
	"time"
)

// bucket is a token bucket: perSecond tokens a second, at most burst held.
type bucket struct {
	perSecond float64
	burst     float64
	tokens    float64
	last      time.Time
}

// take spends a token when there is one.
func (b *bucket) take(now time.Time) bool {
	if !b.last.IsZero() {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.perSecond)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// limiter holds a bucket per pool.
type limiter struct {
	mu      sync.Mutex
	limits  map[string]limit // by pool; "" is every pool without its own
	buckets map[string]*bucket
	now     func() time.Time
}

type limit struct {
	perSecond float64
	burst     int
}

func newLimiter() *limiter {
	return &limiter{limits: map[string]limit{}, buckets: map[string]*bucket{}, now: time.Now}
}

func (l *limiter) set(pool string, perSecond float64, burst int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if perSecond <= 0 {
		delete(l.limits, pool)
	} else {
		l.limits[pool] = limit{perSecond: perSecond, burst: max(burst, 1)}
	}
	// A changed limit starts every affected bucket afresh.
	for p := range l.buckets {
		if pool == "" || p == pool {
			delete(l.buckets, p)
		}
	}
}

// allow reports whether a request for pool may pass now.
func (l *limiter) allow(pool string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.limits[pool]
	if !ok {
		if lim, ok = l.limits[""]; !ok {
			return true
		}
	}
	b, ok := l.buckets[pool]
	if !ok {
		b = &bucket{perSecond: lim.perSecond, burst: float64(lim.burst), tokens: float64(lim.burst)}
		l.buckets[pool] = b
	}
	return b.take(l.now())
}
