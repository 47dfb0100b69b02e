package provider

import (
	"context"
	"log/slog"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
)

// outcome is what the lifecycle decided, before it becomes a response.
type outcome struct {
	status cfnresponse.Status
	reason string
	client *Client // the client the answer names, and the attributes to return
	// secretArn is the storage secret that holds the client's credentials: Data then carries
	// SecretArn and never ClientSecret.
	secretArn string
	// created is a client this request made. When the answer does not carry its ID (a
	// replacement that failed, an answer sent by the timer) it is removed.
	created *Client
	// uncertain is a Create cut by the deadline: it may have made a client whose ID is unknown.
	// afterAnswer (orphans.go) acts on created and uncertain.
	uncertain *pendingCreate
}

func success(c Client, created bool) outcome {
	o := outcome{status: cfnresponse.StatusSuccess, client: &c}
	if created {
		o.created = &c
	}
	return o
}

func failure(reason string) outcome {
	if reason == "" {
		reason = "unknown error"
	}
	return outcome{status: cfnresponse.StatusFailed, reason: reason}
}

// stored is a success whose credentials are in the storage secret arn.
func stored(c Client, created bool, arn string) outcome {
	o := success(c, created)
	o.secretArn = arn
	return o
}

// nothing is a success that names no client: a Delete, or a lookup's Delete.
func nothing() outcome {
	return outcome{status: cfnresponse.StatusSuccess}
}

// physicalID chooses the PhysicalResourceId of every answer, in this order:
//
//   - the client the outcome names (made, updated in place, healed or looked up);
//   - otherwise the ID CloudFormation sent, for any request but Create: a failed Update or
//     replacement keeps the resource it has, a Delete answers with the ID it was given;
//   - otherwise (a Create that failed before a client existed, or a request with no ID) a
//     marker, create-failed:<RequestId>, that no client ID can equal ('-' and ':' are not in
//     a client ID), so that the rollback Delete that follows is a no-op.
func physicalID(e Event, o outcome) string {
	if o.client != nil && o.client.ID != "" {
		return o.client.ID
	}
	if e.RequestType != Create && e.PhysicalResourceID != "" {
		return e.PhysicalResourceID
	}
	id := e.RequestID
	if id == "" {
		id = "unknown-request"
	}
	return "create-failed:" + id
}

// response builds the answer: Ref is the ClientId; Data holds ClientId, Name, UserPoolId and
// either SecretArn (the client has storage: the secret never passes through CloudFormation)
// or, when the client has one and the lifecycle kept it (exactly one active secret),
// ClientSecret, in which case NoEcho is set.
func (o outcome) response(e Event) cfnresponse.Response {
	r := cfnresponse.Response{
		Status:             o.status,
		Reason:             o.reason,
		PhysicalResourceID: physicalID(e, o),
		StackID:            e.StackID,
		RequestID:          e.RequestID,
		LogicalResourceID:  e.LogicalResourceID,
	}
	if c := o.client; c != nil && o.status == cfnresponse.StatusSuccess {
		r.Data = map[string]string{"ClientId": c.ID, "Name": c.Name, "UserPoolId": c.UserPoolID}
		if o.secretArn != "" {
			r.Data["SecretArn"] = o.secretArn
		} else if s := c.Secret.Reveal(); s != "" {
			r.Data["ClientSecret"] = s
			r.NoEcho = true
		}
	}
	return r
}

// send delivers the answer (see cfnresponse.Sender: retries, the 4096-byte cap, the
// deadline) and logs whether it arrived.
func (h *Handler) send(ctx context.Context, e Event, r cfnresponse.Response, log *slog.Logger) error {
	if err := h.cfg.Sender.Send(ctx, e.ResponseURL, r); err != nil {
		log.ErrorContext(ctx, "response not delivered; cloudformation will time out the request", "status", r.Status, "error", err)
		return err
	}
	log.InfoContext(ctx, "answered cloudformation", "status", r.Status, "answeredPhysicalResourceId", r.PhysicalResourceID)
	return nil
}
