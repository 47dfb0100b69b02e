package bench

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// countingProxy is a reverse proxy in front of moto that counts the Cognito calls passing
// through it by operation (the X-Amz-Target header of the JSON 1.1 protocol:
// AWSCognitoIdentityProviderService.CreateUserPoolClient). The function's SDK retryer is
// off, so one call is one request.
type countingProxy struct {
	srv *httptest.Server

	mu    sync.Mutex
	calls map[string]int
}

func newCountingProxy(b *testing.B, target string) *countingProxy {
	b.Helper()
	u, err := url.Parse(target)
	if err != nil {
		b.Fatal(err)
	}
	p := &countingProxy{calls: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if t := r.Header.Get("X-Amz-Target"); t != "" {
			_, op, _ := strings.Cut(t, ".")
			p.mu.Lock()
			p.calls[op]++
			p.mu.Unlock()
		}
		rp.ServeHTTP(w, r)
	}))
	b.Cleanup(p.srv.Close)
	return p
}

// URL is the proxy's base URL, the function's Cognito endpoint.
func (p *countingProxy) URL() string { return p.srv.URL }

// take returns the calls counted since the last take, by operation.
func (p *countingProxy) take() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := maps.Clone(p.calls)
	clear(p.calls)
	return out
}

func total(calls map[string]int) int {
	n := 0
	for _, c := range calls {
		n += c
	}
	return n
}
