package provider

import (
	"sync"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
)

// answers remembers the last answers of this warm instance, so that a request delivered
// twice gets the first answer again instead of a second client. Requests delivered to two
// instances at once are not covered: Cognito clients carry no idempotency token (README).
type answers struct {
	mu      sync.Mutex
	max     int
	order   []string
	byKey   map[string]cfnresponse.Response
	pending map[string]chan struct{}
}

func newAnswers(max int) *answers {
	return &answers{max: max, byKey: map[string]cfnresponse.Response{}, pending: map[string]chan struct{}{}}
}

// begin returns the answer already given to key, waiting for one in progress. When there is
// none it marks key in progress and returns false: the caller must call done.
func (a *answers) begin(key string) (cfnresponse.Response, bool) {
	a.mu.Lock()
	for {
		if r, ok := a.byKey[key]; ok {
			a.mu.Unlock()
			return r, true
		}
		ch, busy := a.pending[key]
		if !busy {
			break
		}
		a.mu.Unlock()
		<-ch
		a.mu.Lock()
	}
	a.pending[key] = make(chan struct{})
	a.mu.Unlock()
	return cfnresponse.Response{}, false
}

func (a *answers) done(key string, r cfnresponse.Response) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.byKey[key]; !ok {
		a.order = append(a.order, key)
	}
	a.byKey[key] = r
	for len(a.order) > a.max {
		delete(a.byKey, a.order[0])
		a.order = a.order[1:]
	}
	if ch, ok := a.pending[key]; ok {
		close(ch)
		delete(a.pending, key)
	}
}
