package localrun

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func put(t *testing.T, url, body string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, url, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestCatcher(t *testing.T) {
	c := StartCatcher()
	t.Cleanup(func() { require.NoError(t, c.Close()) })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	t.Run("one response", func(t *testing.T) {
		url := c.NewURL()
		require.NotEqual(t, url, c.NewURL())
		require.Contains(t, url, "X-Amz-Signature=")
		body := `{"Status":"SUCCESS","PhysicalResourceId":"id","StackId":"s","RequestId":"r","LogicalResourceId":"l","NoEcho":true,"Data":{"ClientId":"id"}}`
		require.Equal(t, 200, put(t, url, body))
		got, err := c.Wait(ctx, url)
		require.NoError(t, err)
		require.True(t, got.Delivered)
		require.Equal(t, 1, got.PUTs)
		require.Equal(t, http.MethodPut, got.Method)
		require.Equal(t, body, string(got.Body))
		require.NoError(t, got.DecodeErr)
		require.Equal(t, Response{Status: "SUCCESS", PhysicalResourceID: "id", StackID: "s", RequestID: "r",
			LogicalResourceID: "l", NoEcho: true, Data: map[string]string{"ClientId": "id"}}, got.Response)
	})

	t.Run("scripted failures then success", func(t *testing.T) {
		url := c.NewURL()
		require.NoError(t, c.SetScript(url, FailFirst(2, 503)))
		for _, want := range []int{503, 503, 200, 200} {
			require.Equal(t, want, put(t, url, `{"Status":"FAILED"}`))
		}
		got, err := c.Wait(ctx, url)
		require.NoError(t, err)
		require.Equal(t, 4, got.PUTs)
		require.Equal(t, 200, got.Status, "the delivered one is the first 2xx")
		require.Equal(t, got.Requests[2].Received, got.Received)
	})

	t.Run("wrong signature is refused and nothing is delivered", func(t *testing.T) {
		url := c.NewURL()
		require.Equal(t, 403, put(t, strings.Replace(url, "X-Amz-Signature=", "X-Amz-Signature=0", 1), `{}`))
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		got, err := c.Wait(short, url)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.False(t, got.Delivered)
		require.Equal(t, 1, got.PUTs)
		require.Equal(t, 403, got.Status)
	})

	t.Run("hang until the client gives up", func(t *testing.T) {
		url := c.NewURL()
		require.NoError(t, c.SetScript(url, Script{First: []Answer{{Hang: true}}}))
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequestWithContext(short, http.MethodPut, url, strings.NewReader(`{}`))
		_, err := http.DefaultClient.Do(req)
		require.Error(t, err)
		require.Eventually(t, func() bool { return c.Snapshot(url).PUTs == 1 }, time.Second, 10*time.Millisecond)
		require.Equal(t, 0, c.Snapshot(url).Status)
	})

	t.Run("reset drops the connection", func(t *testing.T) {
		url := c.NewURL()
		require.NoError(t, c.SetScript(url, Script{Then: Answer{Reset: true}}))
		req, _ := http.NewRequest(http.MethodPut, url, strings.NewReader(`{}`))
		_, err := http.DefaultClient.Do(req)
		require.Error(t, err)
	})

	t.Run("bad bodies are captured with a decode error", func(t *testing.T) {
		url := c.NewURL()
		require.Equal(t, 200, put(t, url, `{"Status":"SUCCESS","Data":{"N":1},"PhysicalResourceID":"x"}`))
		got, err := c.Wait(ctx, url)
		require.NoError(t, err)
		require.Error(t, got.DecodeErr)
		require.Equal(t, "SUCCESS", got.Response.Status)
	})

	t.Run("unknown paths", func(t *testing.T) {
		require.Equal(t, 404, put(t, c.URL()+"/elsewhere", `{}`))
		require.Len(t, c.Unexpected(), 1)
		_, err := c.Wait(ctx, c.URL()+"/elsewhere")
		require.Error(t, err)
	})
}
