package provider

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/cognitoapi"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The orphan policy. A client belongs to a stack once CloudFormation has accepted an answer
// that carries its ID; any other client this function makes is an orphan, and is removed
// after the answer, best effort, within the Lambda deadline:
//
//  1. A client the request made whose ID the answer does not carry (a replacement that failed
//     after its client was made, a client made after the deadline timer answered FAILED) is
//     deleted. So is one whose answer S3 refused (a 4xx: no stack will learn its ID); an
//     answer not known to be refused (5xx, network) may have arrived, and its client stays.
//  2. A call that may have made a client without telling its ID (a Create that failed
//     ambiguously, or was cut by the deadline) is looked for with the one query,
//     cognitoapi.MadeSince(pool, name, start of the call), whose window is the call's start
//     less cognitoapi.ClockSkew. Exactly one client found is the call's: the adapter adopts it
//     while it is still retrying the Create, and afterAnswer removes it when the answer was
//     FAILED. None found: the call made nothing. Several found: none is touched, and the error
//     or the log names them for a person to check.
//
// Nothing else is ever deleted: a replacement leaves the old client to CloudFormation's
// Delete, and a client of the same name made before the call is never a candidate.

// pendingCreate is what is known of a Create that may or may not have taken effect.
type pendingCreate struct {
	userPoolID, name string
	since            time.Time
}

// cutCreate marks a failed outcome whose Create the deadline cut: Cognito may have made the
// client anyway, and afterAnswer looks for it (rule 2).
func cutCreate(o outcome, err error, p userpoolclient.Properties, name string, since time.Time) outcome {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		o.uncertain = &pendingCreate{userPoolID: p.UserPoolId, name: name, since: since}
	}
	return o
}

// afterAnswer waits, within the Lambda deadline, for the work's outcome and removes what no
// stack will own, by the orphan policy above.
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
		h.removeCutCreate(ctx, u, log)
	}
}

// removeCutCreate removes the client a Create cut by the deadline made, when exactly one
// client fits (rule 2).
func (h *Handler) removeCutCreate(ctx context.Context, u *pendingCreate, log *slog.Logger) {
	log = log.With("userPoolId", u.userPoolID, "clientName", u.name)
	cog, err := h.cfg.Cognito(ctx)
	if err != nil {
		log.ErrorContext(ctx, "could not check for a client the cut create made", "error", err)
		return
	}
	made, err := cognitoapi.MadeSince(ctx, cog, u.userPoolID, u.name, u.since)
	switch {
	case err != nil:
		log.ErrorContext(ctx, "could not check for a client the cut create made; look for it by name", "error", err)
	case len(made) == 1:
		h.remove(ctx, u.userPoolID, made[0].ID, "a create cut by the deadline made it, and no stack owns it", log)
	case len(made) > 1:
		ids := make([]string, len(made))
		for i, c := range made {
			ids[i] = c.ID
		}
		log.ErrorContext(ctx, "several new clients carry the name of a cut create; not removing any, check by hand", "clientIds", ids)
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
