package cfnresponse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/cognito-cfn/userpoolclient/internal/backoff"
)

// Defaults of the zero Sender.
const (
	defaultAttemptTimeout = 5 * time.Second
	defaultMaxAttempts    = 6
	defaultBaseDelay      = 200 * time.Millisecond
	defaultMaxDelay       = 2 * time.Second
)

// httpClient is the part of *http.Client that Sender uses.
type httpClient interface {
	Do(*http.Request) (*http.Response, error)
}

// defaultClient has no overall timeout: each attempt gets its own.
var defaultClient = &http.Client{}

// Sender delivers responses to ResponseURLs. The zero value is ready to use.
type Sender struct {
	// Client sends the requests; nil means a default *http.Client.
	Client httpClient
	// Logger receives one line per failed attempt and one for the outcome;
	// nil means slog.Default().
	Logger *slog.Logger
	// AttemptTimeout bounds each PUT (default 5s). The
	// first attempt is shortened to the time left before ctx's deadline; a
	// retry is started only when its backoff delay plus a full
	// AttemptTimeout fit before that deadline.
	AttemptTimeout time.Duration
	// MaxAttempts bounds the number of PUTs (default 6).
	MaxAttempts int
	// BaseDelay and MaxDelay shape the exponential backoff with full jitter
	// (defaults 200ms and 2s).
	BaseDelay, MaxDelay time.Duration
	// Sleep waits between attempts; nil means a timer that honours ctx.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Send encodes r (see Encode) and PUTs it to the ResponseURL rawURL, which
// must pass CheckURL.
//
// Network errors, timeouts and HTTP 5xx and 429 are retried with jittered
// exponential backoff, bounded by MaxAttempts and by ctx's deadline; any
// other status outside 2xx (e.g. 403 for an expired URL) is final at once.
// Send returns nil once a 2xx is received, and otherwise an error wrapping
// the last cause. No log line and no returned error contains the query
// string of rawURL.
//
// The request has no Content-Type header (S3 pre-signed URLs are signed
// without one) and a Content-Length of exactly the body's length.
func (s *Sender) Send(ctx context.Context, rawURL string, r Response) error {
	if s == nil {
		s = &Sender{}
	}
	c := s.config()
	redacted := Redact(rawURL)
	status := string(r.Status)

	notDelivered := func(attempts, httpStatus int, err error) error {
		c.logger.ErrorContext(ctx, "response not delivered",
			"status", status, "url", redacted, "attempt", attempts,
			"httpStatus", httpStatus, "error", err.Error())
		return err
	}

	if _, err := CheckURL(rawURL); err != nil {
		return notDelivered(0, 0, fmt.Errorf("send response: %w", err))
	}
	body, sent, err := encode(r)
	if err != nil {
		return notDelivered(0, 0, fmt.Errorf("send response: %w", err))
	}
	status = string(sent.Status)

	var (
		lastErr    error
		lastStatus int
		attempt    int
		why        string
	)
	for {
		if err := ctx.Err(); err != nil {
			if lastErr == nil {
				lastErr = err
			}
			why = "context done"
			break
		}
		attempt++
		timeout := c.attemptTimeout
		if deadline, ok := ctx.Deadline(); ok {
			timeout = min(timeout, time.Until(deadline))
		}

		httpStatus, retryable, err := c.put(ctx, timeout, rawURL, redacted, body)
		if err == nil {
			c.logger.InfoContext(ctx, "response sent",
				"status", status, "url", redacted, "attempt", attempt, "httpStatus", httpStatus)
			return nil
		}
		lastErr, lastStatus = err, httpStatus
		c.logger.WarnContext(ctx, "response attempt failed",
			"status", status, "url", redacted, "attempt", attempt,
			"httpStatus", httpStatus, "error", err.Error())

		if !retryable {
			why = "not retryable"
			break
		}
		if attempt >= c.maxAttempts {
			why = "attempts exhausted"
			break
		}
		delay := backoff.Delay(attempt, c.baseDelay, c.maxDelay)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay+c.attemptTimeout {
			why = "no time left before deadline"
			break
		}
		if err := c.sleep(ctx, delay); err != nil {
			why = "context done"
			break
		}
	}
	return notDelivered(attempt, lastStatus,
		fmt.Errorf("send response: not delivered after %d attempt(s), %s: %w", attempt, why, lastErr))
}

// config is a Sender with its defaults applied.
type config struct {
	client              httpClient
	logger              *slog.Logger
	attemptTimeout      time.Duration
	maxAttempts         int
	baseDelay, maxDelay time.Duration
	sleep               func(context.Context, time.Duration) error
}

func (s *Sender) config() config {
	c := config{
		client:         s.Client,
		logger:         s.Logger,
		attemptTimeout: s.AttemptTimeout,
		maxAttempts:    s.MaxAttempts,
		baseDelay:      s.BaseDelay,
		maxDelay:       s.MaxDelay,
		sleep:          s.Sleep,
	}
	if c.client == nil {
		c.client = defaultClient
	}
	if c.logger == nil {
		c.logger = slog.Default()
	}
	if c.attemptTimeout <= 0 {
		c.attemptTimeout = defaultAttemptTimeout
	}
	if c.maxAttempts <= 0 {
		c.maxAttempts = defaultMaxAttempts
	}
	if c.baseDelay <= 0 {
		c.baseDelay = defaultBaseDelay
	}
	if c.maxDelay <= 0 {
		c.maxDelay = defaultMaxDelay
	}
	if c.sleep == nil {
		c.sleep = backoff.Sleep
	}
	return c
}

// s3ErrorCode extracts the Code of an S3 XML error body. Nothing else of the
// body is used: it may echo the signed request.
var s3ErrorCode = regexp.MustCompile(`<Code>([A-Za-z0-9.]{1,64})</Code>`)

// errorBodyBytes bounds how much of a response body is read or drained.
const errorBodyBytes = 64 << 10

// put makes one PUT attempt. It returns the HTTP status (0 when none was
// received), whether a failure may be retried, and the failure.
func (c config) put(ctx context.Context, timeout time.Duration, rawURL, redacted string, body []byte) (int, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// A new reader per attempt; GetBody also lets the client replay it.
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, rawURL, bytes.NewReader(body))
	if err != nil {
		return 0, false, scrubError(fmt.Errorf("build request: %w", err), rawURL)
	}
	req.ContentLength = int64(len(body))
	// S3 pre-signed URLs are signed without Content-Type: send none.
	req.Header.Del("Content-Type")

	resp, err := c.client.Do(req)
	if err != nil {
		return 0, true, scrubError(err, rawURL)
	}
	var head []byte
	if resp.Body != nil { // never nil from *http.Client; a test double may omit it
		defer resp.Body.Close()
		head, _ = io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes))
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, errorBodyBytes))
	}

	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return code, false, nil
	}
	detail := ""
	if m := s3ErrorCode.FindSubmatch(head); m != nil {
		detail = fmt.Sprintf(" (%s)", m[1])
	}
	err = scrubError(fmt.Errorf("put %s: %w%s", redacted, &statusError{code: code}, detail), rawURL)
	return code, code >= 500 || code == http.StatusTooManyRequests, err
}

// statusError is a non-2xx HTTP status.
type statusError struct{ code int }

func (e *statusError) Error() string { return fmt.Sprintf("http status %d", e.code) }

// Refused reports whether err from Send means the ResponseURL definitively turned the
// response down (a 4xx other than 429, such as 403 for an expired or wrong signature):
// CloudFormation will never see it. A network error or 5xx is not a refusal: the response may
// have arrived.
func Refused(err error) bool {
	var se *statusError
	return errors.As(err, &se) && se.code >= 400 && se.code < 500 && se.code != http.StatusTooManyRequests
}
