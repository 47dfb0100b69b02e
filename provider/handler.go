package provider

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
)

// DefaultMargin is the time kept before the Lambda deadline for sending the response.
const DefaultMargin = 4 * time.Second

// minWork is the least time worth starting Cognito work with.
const minWork = time.Second

// responder sends one response to a ResponseURL; *cfnresponse.Sender is one.
type responder interface {
	Send(ctx context.Context, url string, r cfnresponse.Response) error
}

// Config wires a Handler.
type Config struct {
	// Cognito returns the Cognito client. It is called inside the invocation, and only when
	// Cognito is needed, so that a configuration or credential failure is answered as FAILED
	// rather than crashing the function at init.
	Cognito func(ctx context.Context) (Cognito, error)
	// SecretsManager returns the Secrets Manager of the storage (SecretsManagerSecretId) and
	// the function's region. Like Cognito, it is called inside the invocation, only for a
	// request with storage; nil answers such a request FAILED.
	SecretsManager func(ctx context.Context) (SecretsManager, string, error)
	// Sender answers CloudFormation; nil means a default *cfnresponse.Sender.
	Sender responder
	// Logger receives one line per decision; nil means slog.Default().
	Logger *slog.Logger
	// Margin is the time kept before the deadline to send the response (DefaultMargin).
	Margin time.Duration
	// DefaultTimeout bounds an invocation whose context has no deadline (tests, local runs).
	DefaultTimeout time.Duration
}

// Handler is the Lambda handler. It implements lambda.Handler on raw payloads, so that a
// request that does not decode is still logged and classified.
type Handler struct {
	cfg     Config
	log     *slog.Logger
	answers *answers
}

// New returns a Handler.
func New(cfg Config) *Handler {
	if cfg.Sender == nil {
		cfg.Sender = &cfnresponse.Sender{Logger: cfg.Logger}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Margin <= 0 {
		cfg.Margin = DefaultMargin
	}
	if cfg.DefaultTimeout <= 0 {
		cfg.DefaultTimeout = 5 * time.Minute
	}
	return &Handler{cfg: cfg, log: cfg.Logger, answers: newAnswers(64)}
}

// Invoke handles one CloudFormation request. It returns nil once it has tried to answer,
// delivered or not: an error would make Lambda run the request again, and a second Create
// would leave a client no stack owns. It returns an error only when there is no usable
// ResponseURL to answer.
//
// It reads in the order of the data path; provider's doc.go names the file of each step.
func (h *Handler) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	// Event: read leniently, so that a request with a field of the wrong type is still answered.
	e, err := parseEvent(payload)
	if err != nil {
		h.log.ErrorContext(ctx, "request is not a json object; nothing can be answered", "bytes", len(payload))
		return nil, err
	}
	log := h.log.With(
		"requestType", e.RequestType,
		"resourceType", e.ResourceType,
		"logicalResourceId", e.LogicalResourceID,
		"physicalResourceId", e.PhysicalResourceID,
		"stackId", e.StackID,
		"cfnRequestId", e.RequestID,
	)
	if _, err := cfnresponse.CheckURL(e.ResponseURL); err != nil {
		log.ErrorContext(ctx, "request has no usable response url; nothing can be answered",
			"url", cfnresponse.Redact(e.ResponseURL), "error", err)
		return nil, fmt.Errorf("unusable ResponseURL: %w", err)
	}

	ctx, cancel := h.withDeadline(ctx)
	defer cancel()

	// A request delivered twice gets the first answer again, not a second client.
	if first, ok := h.answers.begin(e.key()); ok {
		log.WarnContext(ctx, "duplicate delivery; sending the first answer again", "status", first.Status)
		h.send(ctx, e, first, log)
		return nil, nil
	}

	answered := false
	defer func() {
		if r := recover(); r != nil {
			log.ErrorContext(ctx, "panic while handling request", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			if !answered {
				resp := failure(fmt.Sprintf("internal error: %v", r)).response(e)
				h.answers.done(e.key(), resp)
				h.send(ctx, e, resp, log)
			}
		}
	}()

	// Decode, validate, decide and act, before the work deadline; an answer either way.
	resp, work := h.handle(ctx, e, log)
	// Answer, once.
	h.answers.done(e.key(), resp)
	answered = true
	sendErr := h.send(ctx, e, resp, log)
	// After the answer: remove what no stack will own.
	if work != nil {
		h.afterAnswer(ctx, resp, sendErr, work, log)
	}
	return nil, nil
}

func (h *Handler) withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, h.cfg.DefaultTimeout)
}

// handle runs the request (run, lifecycle.go) against a deadline kept short of the Lambda's
// by the margin, and returns the answer and the channel the work reports its outcome on
// (already there when the work finished in time). When the work does not finish in time the
// answer is FAILED, and the outcome may still come, late.
func (h *Handler) handle(ctx context.Context, e Event, log *slog.Logger) (cfnresponse.Response, <-chan outcome) {
	start := time.Now()
	deadline, _ := ctx.Deadline()
	workDeadline := deadline.Add(-h.cfg.Margin)
	if left := time.Until(workDeadline); left < minWork {
		log.ErrorContext(ctx, "insufficient time left to work", "remaining", time.Until(deadline).String())
		return failure(fmt.Sprintf(
			"insufficient time: %s left before the Lambda deadline, %s must be kept to answer; raise the function timeout",
			time.Until(deadline).Round(time.Millisecond), h.cfg.Margin)).response(e), nil
	}
	workCtx, cancel := context.WithDeadline(ctx, workDeadline)
	results := make(chan outcome, 1)
	go func() {
		defer cancel()
		defer func() {
			if r := recover(); r != nil {
				log.ErrorContext(ctx, "panic while handling request", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				results <- failure(fmt.Sprintf("internal error: %v", r))
			}
		}()
		results <- h.run(workCtx, e, log)
	}()
	timer := time.NewTimer(time.Until(workDeadline))
	defer timer.Stop()
	select {
	case o := <-results:
		results <- o
		return o.response(e), results
	case <-timer.C:
		log.ErrorContext(ctx, "deadline reached before cognito answered; answering failed")
		return failure(fmt.Sprintf(
			"timed out: Cognito did not finish within %s (the Lambda deadline less %s kept to answer)",
			workDeadline.Sub(start).Round(time.Millisecond), h.cfg.Margin)).response(e), results
	}
}
