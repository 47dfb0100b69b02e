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
func (h *Handler) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
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

	resp, work := h.handle(ctx, e, log)
	h.answers.done(e.key(), resp)
	answered = true
	sendErr := h.send(ctx, e, resp, log)
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

// handle runs the request against a deadline kept short of the Lambda's by the margin, and
// returns the answer and the channel the work reports its outcome on (already there when the
// work finished in time). When the work does not finish in time the answer is FAILED, and the
// outcome may still come, late.
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

// afterAnswer waits, within the Lambda deadline, for the work's outcome and removes what no
// stack will own: a client the work made that the answer does not carry (a replacement that
// failed, a client made after the timer answered) or that CloudFormation refused to hear
// about, and a client a Create cut by the deadline may have made.
func (h *Handler) afterAnswer(ctx context.Context, resp cfnresponse.Response, sendErr error, work <-chan outcome, log *slog.Logger) {
	// Give up a quarter of the margin before the Lambda deadline: a handler still running at
	// the deadline is a timed-out invocation, which Lambda counts as an error and may run again.
	if deadline, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-h.cfg.Margin/4))
		defer cancel()
	}
	var o outcome
	select {
	case o = <-work:
	case <-ctx.Done():
		return
	}
	refused := cfnresponse.Refused(sendErr)
	if c := o.created; c != nil && (c.ID != resp.PhysicalResourceID || refused) {
		reason := "the request failed"
		if refused {
			reason = "the response was refused, so no stack will learn its id"
		}
		h.remove(ctx, c.UserPoolID, c.ID, reason, log)
	}
	if u := o.uncertain; u != nil && resp.Status == cfnresponse.StatusFailed {
		h.removeUncertain(ctx, u, log)
	}
}

// removeUncertain looks for the client a Create cut by the deadline may have made: one of its
// name, made since the call started. It removes it only when exactly one client fits, so that
// another client of the same name is never taken for it.
func (h *Handler) removeUncertain(ctx context.Context, u *pendingCreate, log *slog.Logger) {
	log = log.With("userPoolId", u.userPoolID, "clientName", u.name)
	cog, err := h.cfg.Cognito(ctx)
	if err != nil {
		log.ErrorContext(ctx, "could not check for a client the cut create made", "error", err)
		return
	}
	ids, err := cog.FindByName(ctx, u.userPoolID, u.name)
	var fits []string
	for _, id := range ids {
		if err != nil {
			break
		}
		var c Client
		c, err = cog.Describe(ctx, u.userPoolID, id)
		// Moto reports no creation date; a client without one counts as new.
		if err == nil && (c.Created.IsZero() || !c.Created.Before(u.since.Add(-5*time.Second))) {
			fits = append(fits, id)
		}
	}
	switch {
	case err != nil:
		log.ErrorContext(ctx, "could not check for a client the cut create made; look for it by name", "error", err)
	case len(fits) == 1:
		h.remove(ctx, u.userPoolID, fits[0], "a create cut by the deadline made it, and no stack owns it", log)
	case len(fits) > 1:
		log.ErrorContext(ctx, "several new clients carry the name of a cut create; not removing any, check by hand", "clientIds", fits)
	}
}

// remove deletes, best effort, a client no stack owns.
func (h *Handler) remove(ctx context.Context, poolID, clientID, reason string, log *slog.Logger) {
	log = log.With("userPoolId", poolID, "clientId", clientID)
	cog, err := h.cfg.Cognito(ctx)
	if err == nil {
		err = cog.Delete(ctx, poolID, clientID)
	}
	if err != nil {
		log.ErrorContext(ctx, "could not remove a client no stack owns; delete it by hand", "reason", reason, "error", err)
		return
	}
	log.InfoContext(ctx, "removed a client no stack owns", "reason", reason)
}

func (h *Handler) send(ctx context.Context, e Event, r cfnresponse.Response, log *slog.Logger) error {
	if err := h.cfg.Sender.Send(ctx, e.ResponseURL, r); err != nil {
		log.ErrorContext(ctx, "response not delivered; cloudformation will time out the request", "status", r.Status, "error", err)
		return err
	}
	log.InfoContext(ctx, "answered cloudformation", "status", r.Status, "answeredPhysicalResourceId", r.PhysicalResourceID)
	return nil
}
