package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

// TestHandlerErrorOnlyWithoutResponseURL checks guarantee 5 through the bootstrap: the
// function returns an error (which Lambda would retry) only for a payload it cannot answer,
// and nil once it has tried to answer, even when the answer was refused.
func TestHandlerErrorOnlyWithoutResponseURL(t *testing.T) {
	pool := newPool(t)
	create := readEvent(t, "create.json")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	// invokeRaw sends payload as is and returns the function's error and its logs.
	invokeRaw := func(t *testing.T, payload []byte) (string, bool, string) {
		t.Helper()
		from := len(emu.Logs())
		result, err := emu.Invoke(ctx, payload)
		logs := emu.Logs()[from:]
		require.NoError(t, err, "logs:\n%s", logs)
		msg, failed := localrun.FunctionError(result)
		return msg, failed, logs
	}
	// nothingArrives waits a moment and asserts that responseURL received no request.
	nothingArrives := func(t *testing.T, responseURL string) {
		t.Helper()
		short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		got, err := catcher.Wait(short, responseURL)
		require.Error(t, err)
		assert.Empty(t, got.Requests, "the catcher got nothing")
	}

	t.Run("not JSON: a function error, nothing sent", func(t *testing.T) {
		responseURL := catcher.NewURL()
		event, err := localrun.PrepareEvent(create, responseURL, pool, localrun.WithRequestID(localrun.NewRequestID()))
		require.NoError(t, err)
		// Cut in half: the URL is in the payload, but the payload is not JSON.
		msg, failed, logs := invokeRaw(t, event[:len(event)/2])
		require.True(t, failed, "a payload that is not JSON is a function error")
		assert.NotEmpty(t, msg)
		t.Logf("function error: %s", msg)
		nothingArrives(t, responseURL)
		checkLogs(t, logs, responseURL, false)
		assert.Empty(t, clients(t, pool), "no client was made")
	})

	t.Run("no ResponseURL: a function error", func(t *testing.T) {
		event, err := localrun.PrepareEvent(create, "", pool, localrun.WithoutKey("ResponseURL"), localrun.WithRequestID(localrun.NewRequestID()))
		require.NoError(t, err)
		msg, failed, _ := invokeRaw(t, event)
		require.True(t, failed)
		assert.Contains(t, msg, "ResponseURL")
		assert.Empty(t, clients(t, pool), "no client was made")
	})

	t.Run("valid event: no function error", func(t *testing.T) {
		// The cheapest valid request: the Delete of a failed Create's marker.
		iv := invoke(t, readEvent(t, "delete-failed-create.json"), pool)
		assert.Equal(t, "SUCCESS", iv.response().Status)
		msg, failed := localrun.FunctionError(iv.result)
		assert.False(t, failed, msg)
	})

	t.Run("answer refused by S3: still no function error", func(t *testing.T) {
		// A 403 (expired or bad signature) is final: the handler logs it and returns nil,
		// for an error would make Lambda run the request again.
		responseURL := catcher.NewURL()
		require.NoError(t, catcher.SetScript(responseURL, localrun.Script{Then: localrun.Answer{Status: http.StatusForbidden}}))
		event, err := localrun.PrepareEvent(readEvent(t, "delete-failed-create.json"), responseURL, pool, localrun.WithRequestID(localrun.NewRequestID()))
		require.NoError(t, err)
		msg, failed, logs := invokeRaw(t, event)
		assert.False(t, failed, "function error %q; logs:\n%s", msg, logs)
		got := catcher.Snapshot(responseURL)
		assert.GreaterOrEqual(t, got.PUTs, 1, "the answer was tried")
		assert.LessOrEqual(t, got.PUTs, 6, "a 403 is retried a bounded number of times at most")
		assert.False(t, got.Delivered)
		checkLogs(t, logs, responseURL, true)
	})
}
