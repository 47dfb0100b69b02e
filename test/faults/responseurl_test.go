package faults

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/provider"
)

// The ResponseURL table of docs/faults.md: the catcher plays a failing S3. The fixtures' sender
// is the production one with 1 s attempts.

func TestResponseURL_500Or503Then200(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)},
		script(localrun.Script{First: []localrun.Answer{{Status: 500}, {Status: 503}}}), puts(3))
	require.Equal(t, "SUCCESS", res.Status, res.Reason)
	statuses := []int{}
	for _, r := range res.got.Requests {
		statuses = append(statuses, r.Status)
	}
	assert.Equal(t, []int{500, 503, 200}, statuses, "retried with backoff until delivered")
	// checkResponse has compared the three bodies byte for byte: one logical response.
	assert.Equal(t, []string{res.PhysicalResourceID}, clientIDs(t, f.pool))
	assert.Equal(t, 1, calls(f.pool)[opCreate].Received, "the work was done once")
}

// TestResponseURL_403: an expired or wrongly signed URL is final at once; the handler logs it
// (redacted). CloudFormation will never learn the ID of the client the Create made, so the
// handler removes it rather than leave it owned by no stack.
func TestResponseURL_403(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)},
		script(localrun.Script{Then: localrun.Answer{Status: http.StatusForbidden}}), undelivered())
	assert.Equal(t, 1, res.got.PUTs, "a 403 is not retried: bounded, no loop")
	assert.Equal(t, http.StatusForbidden, res.got.Status)
	logs := f.logs.String()
	assert.Contains(t, logs, "response not delivered")
	assert.Contains(t, logs, "SignatureDoesNotMatch", "the S3 error code is logged")
	assert.Contains(t, logs, cfnresponse.Redact(res.url), "the URL is logged as host and path")
	assert.Contains(t, logs, "the response was refused")
	assert.Empty(t, clientIDs(t, f.pool), "the client no stack will own is removed")
}

// A Delete of a failed-Create marker answers SUCCESS without Cognito: the sender alone is
// under test.
func markerDelete(f *fixture) request {
	return request{RequestType: provider.Delete, PhysicalID: "create-failed:earlier-request", Props: webProps(f.pool)}
}

func TestResponseURL_HangResetDNSSlowBody(t *testing.T) {
	t.Parallel()
	t.Run("hang", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		res := f.send(markerDelete(f), deadline(4*time.Second),
			script(localrun.Script{Then: localrun.Answer{Hang: true}}), undelivered(), putsBetween(2, 3))
		// 1 s attempts within 4 s: a retry starts only when its backoff and a whole attempt
		// still fit, so two or three attempts, as the jitter falls.
		assert.True(t, res.returned.Before(res.deadline), "Invoke returned before the deadline")
		for _, r := range res.got.Requests {
			assert.Zero(t, r.Status, "every attempt timed out")
		}
		assert.Contains(t, f.logs.String(), "no time left before deadline")
	})
	t.Run("reset", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)},
			script(localrun.Script{First: []localrun.Answer{{Reset: true}, {Reset: true}}}), puts(3))
		require.Equal(t, "SUCCESS", res.Status, res.Reason)
		assert.Equal(t, []string{res.PhysicalResourceID}, clientIDs(t, f.pool))
	})
	t.Run("slow body", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		res := f.send(markerDelete(f),
			script(localrun.Script{First: []localrun.Answer{{Delay: 1500 * time.Millisecond}}}), puts(2))
		assert.Equal(t, "SUCCESS", res.Status)
		assert.Zero(t, res.got.Requests[0].Status, "the slow attempt was abandoned at the attempt timeout")
	})
	t.Run("DNS failure", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		const sig = "5d41402abc4b2a76b9719d911017c592f00dfeed5d41402abc4b2a76b9719d91"
		f.mu.Lock()
		f.signatures = append(f.signatures, sig)
		f.mu.Unlock()
		url := "https://cfn-response.invalid/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + sig
		ev := f.event(&request{RequestType: provider.Delete, PhysicalID: "create-failed:x", ResponseURL: url})
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
		defer cancel()
		dl, _ := ctx.Deadline()
		out, err := f.h.Invoke(ctx, ev)
		require.NoError(t, err)
		assert.Nil(t, out)
		assert.True(t, time.Now().Before(dl), "stopped before the deadline")
		logs := f.logs.String()
		assert.Contains(t, logs, "response not delivered")
		assert.Contains(t, logs, "https://cfn-response.invalid/bucket/key")
		assert.NotContains(t, logs, sig)
		assert.True(t, strings.Count(logs, "response attempt failed") >= 1)
	})
}
